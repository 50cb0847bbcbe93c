package io.tcpgateway;

import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which package may use which: the reply logic knows nothing of sockets, observability sees
 * the server only through its view, the server's parts do not know its wiring, Netty handlers
 * stay package-private and each has its own EmbeddedChannel test; and every test class is one a
 * runner runs.
 */
class ArchitectureTests {

	/** Spring AOT's generated bean definitions (the build's process-aot) wire every package by design. */
	static final ImportOption NOT_GENERATED_BY_SPRING_AOT = (location) -> !location.contains("__");

	static final JavaClasses main = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(NOT_GENERATED_BY_SPRING_AOT)
		.importPackages("io.tcpgateway");

	static final JavaClasses tests = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
		.importPackages("io.tcpgateway");

	@Test
	void noPackageDependsOnItselfInACircle() {
		slices().matching("io.tcpgateway.(**)").should().beFreeOfCycles().check(main);
	}

	@Test
	void theReplyServiceKnowsNothingOfTheServerOrNetty() {
		noClasses().that()
			.resideInAPackage("io.tcpgateway.reply..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.tcpgateway.server..", "io.tcpgateway.observability..", "io.netty..",
					"org.springframework.integration..")
			.check(main);
	}

	@Test
	void theServerKnowsNothingOfObservability() {
		noClasses().that()
			.resideInAPackage("io.tcpgateway.server..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.tcpgateway.observability..")
			.check(main);
	}

	@Test
	void observabilitySeesTheServerOnlyThroughItsView() {
		noClasses().that()
			.resideInAPackage("io.tcpgateway.observability..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.tcpgateway.server", "io.tcpgateway.server.codec..", "io.tcpgateway.server.proxy..",
					"io.tcpgateway.server.dispatch..", "io.tcpgateway.server.gateway..", "io.tcpgateway.server.config..",
					"io.tcpgateway.server.connection..", "io.tcpgateway.server.input..", "io.tcpgateway.server.session..")
			.check(main);
	}

	@Test
	void onlyTheWiringKnowsTheWiring() {
		noClasses().that()
			.resideOutsideOfPackage("io.tcpgateway.server.config..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.tcpgateway.server.config..")
			.check(main);
	}

	@Test
	void theServersPartsDoNotKnowTheServer() {
		noClasses().that()
			.resideInAnyPackage("io.tcpgateway.server.codec..", "io.tcpgateway.server.proxy..",
					"io.tcpgateway.server.dispatch..", "io.tcpgateway.server.gateway..", "io.tcpgateway.server.view..",
					"io.tcpgateway.server.connection..", "io.tcpgateway.server.input..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.tcpgateway.server")
			.check(main);
		noClasses().that()
			.resideInAPackage("io.tcpgateway.server.view..")
			.should()
			.dependOnClassesThat()
			.resideOutsideOfPackages("io.tcpgateway.server.view..", "java..", "org.jspecify..")
			.check(main);
	}

	@Test
	void theConnectionAndItsInputKnowNothingOfSpringIntegration() {
		noClasses().that()
			.resideInAnyPackage("io.tcpgateway.server.connection..", "io.tcpgateway.server.input..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.tcpgateway.server.gateway..")
			.check(main);
	}

	@Test
	void theSpringIntegrationAdapterIsTheOnlyTcpConnection() {
		classes().that()
			.implement(org.springframework.integration.ip.tcp.connection.TcpConnection.class)
			.should()
			.haveFullyQualifiedName("io.tcpgateway.server.gateway.GatewayConnection")
			.check(main);
	}

	/** The connection's state lives on its event loop: plain fields, no shared-memory tools. */
	@Test
	void theConnectionKeepsItsStateInPlainFields() {
		noClasses().that()
			.haveFullyQualifiedName("io.tcpgateway.server.connection.ConnectionHandler")
			.or().haveFullyQualifiedName("io.tcpgateway.server.connection.AdmittedConnection")
			.or().haveFullyQualifiedName("io.tcpgateway.server.connection.Lifecycle")
			.or().haveFullyQualifiedName("io.tcpgateway.server.connection.RequestQueue")
			.or().haveFullyQualifiedName("io.tcpgateway.server.connection.ReplyWriter")
			.or().haveFullyQualifiedName("io.tcpgateway.server.input.FrameReader")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("java.util.concurrent.atomic..")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("java.lang.invoke.VarHandle")
			.check(main);
		methods().that()
			.areDeclaredInClassesThat()
			.resideInAnyPackage("io.tcpgateway.server.connection..", "io.tcpgateway.server.input..")
			.should()
			.notHaveModifier(JavaModifier.SYNCHRONIZED)
			.check(main);
	}

	@Test
	void securityKnowsNothingOfTheGateway() {
		noClasses().that()
			.resideInAPackage("io.tcpgateway.security..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.tcpgateway.server..", "io.tcpgateway.observability..", "io.tcpgateway.reply..",
					"org.springframework.integration..")
			.check(main);
	}

	@Test
	void onlyTheServerAndSecurityPackagesTouchNetty() {
		noClasses().that()
			.resideOutsideOfPackages("io.tcpgateway.server..", "io.tcpgateway.security..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.netty..")
			.check(main);
	}

	@Test
	void nettyHandlersStayPackagePrivate() {
		classes().that().areAssignableTo(ChannelHandler.class).should().notBePublic().check(main);
	}

	@Test
	void everyNettyHandlerHasItsOwnEmbeddedChannelTest() {
		Set<String> handlers = main.stream()
			.filter((type) -> type.isAssignableTo(ChannelHandler.class) && !type.isNestedClass()
					&& !type.getModifiers().contains(JavaModifier.ABSTRACT))
			.map(JavaClass::getName)
			.collect(Collectors.toSet());
		assertThat(handlers).isNotEmpty().allSatisfy((handler) -> {
			assertThat(tests.contain(handler + "Tests")).as("the test class " + handler + "Tests").isTrue();
			assertThat(tests.get(handler + "Tests").getDirectDependenciesFromSelf())
				.as(handler + "Tests drives it on an EmbeddedChannel")
				.anyMatch((dependency) -> dependency.getTargetClass().isAssignableTo(EmbeddedChannel.class));
		});
	}

	/** Surefire runs *Tests and *Test, Failsafe *IT: any other name would never run. */
	@Test
	void everyTestClassHasANameARunnerPicksUp() {
		methods().that()
			.areAnnotatedWith(Test.class)
			.or()
			.areAnnotatedWith(ParameterizedTest.class)
			.should()
			.beDeclaredInClassesThat()
			.haveNameMatching(".*(Tests|Test|IT)")
			.check(tests);
	}

}
