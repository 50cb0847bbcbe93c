package io.tcpgateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Which feature package may use which: reply logic knows nothing of sockets. */
class ArchitectureTests {

	static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.tcpgateway");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("io.tcpgateway.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void theReplyServiceKnowsNothingOfTheServerOrNetty() {
		noClasses().that()
			.resideInAPackage("io.tcpgateway.reply..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.tcpgateway.server..", "io.tcpgateway.observability..", "io.netty..",
					"org.springframework.integration..")
			.check(classes);
	}

	@Test
	void theServerKnowsNothingOfObservability() {
		noClasses().that()
			.resideInAPackage("io.tcpgateway.server..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.tcpgateway.observability..")
			.check(classes);
	}

	@Test
	void securityKnowsNothingOfTheGateway() {
		noClasses().that()
			.resideInAPackage("io.tcpgateway.security..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.tcpgateway.server..", "io.tcpgateway.observability..", "io.tcpgateway.reply..",
					"org.springframework.integration..")
			.check(classes);
	}

	@Test
	void onlyTheServerAndSecurityPackagesTouchNetty() {
		noClasses().that()
			.resideOutsideOfPackages("io.tcpgateway.server..", "io.tcpgateway.security..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.netty..")
			.check(classes);
	}

}
