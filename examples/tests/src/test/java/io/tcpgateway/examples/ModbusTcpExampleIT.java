package io.tcpgateway.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/modbus-tcp and mbpoll, the Modbus TCP master Debian packages (libmodbus underneath):
 * each call connects, sends one request, prints what it read (with {@code -v}, the frames both
 * ways) and exits 1 on an exception response. References count from 1: {@code -r 10} is
 * register address 9.
 */
class ModbusTcpExampleIT {

	@RegisterExtension
	static final RunningExample example = new RunningExample("modbus-tcp");

	@Test
	void severalRegistersWrittenWithFunction16AreReadBackWithFunction3() throws Exception {
		Result write = mbpoll(List.of("-r", "10", "-v"), "1234", "5678");
		assertThat(write.exit()).as(write.output()).isZero();
		assertThat(write.output()).as("function 16 at address 9: 2 registers, 4 bytes")
			.contains("[01][10][00][09][00][02][04][04][D2][16][2E]")
			.as("its response: start and count")
			.contains("<01><10><00><09><00><02>");
		Result read = mbpoll(List.of("-r", "10", "-c", "2", "-v"));
		assertThat(read.exit()).as(read.output()).isZero();
		assertThat(read.output()).contains("[01][03][00][09][00][02]").contains("[10]: \t1234", "[11]: \t5678");
	}

	@Test
	void oneRegisterIsWrittenWithFunction6() throws Exception {
		Result write = mbpoll(List.of("-r", "20", "-v"), "42");
		assertThat(write.exit()).as(write.output()).isZero();
		assertThat(write.output()).as("function 6 at address 19, value 42, and its echo")
			.contains("[01][06][00][13][00][2A]")
			.contains("<01><06><00><13><00><2A>");
		assertThat(mbpoll(List.of("-r", "20")).output()).contains("[20]: \t42");
	}

	@Test
	void theWholeBankReadsInOneRequestAndNotOneRegisterMore() throws Exception {
		assertThat(mbpoll(List.of("-r", "1", "-c", "100")).exit()).isZero();
		Result over = mbpoll(List.of("-r", "1", "-c", "101"));
		assertThat(over.exit()).isOne();
		assertThat(over.output()).contains("Illegal data address");
	}

	@Test
	void registersOutsideTheBankAreAnIllegalDataAddress() throws Exception {
		Result read = mbpoll(List.of("-r", "100", "-c", "2"));
		assertThat(read.exit()).isOne();
		assertThat(read.output()).contains("Illegal data address");
		Result writeOne = mbpoll(List.of("-r", "101"), "7");
		assertThat(writeOne.exit()).isOne();
		assertThat(writeOne.output()).contains("Illegal data address");
		Result writeSeveral = mbpoll(List.of("-r", "100"), "7", "8");
		assertThat(writeSeveral.exit()).isOne();
		assertThat(writeSeveral.output()).contains("Illegal data address");
	}

	@Test
	void functionsOtherThanHoldingRegistersAreAnIllegalFunction() throws Exception {
		for (String table : List.of("0", "1", "3")) {
			Result read = mbpoll(List.of("-t", table, "-r", "1"));
			assertThat(read.exit()).as("table %s: %s", table, read.output()).isOne();
			assertThat(read.output()).contains("Illegal function");
		}
	}

	private static Result mbpoll(List<String> options, String... values) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("mbpoll", "-m", "tcp", "-p", String.valueOf(example.port()),
				"-a", "1", "-t", "4", "-1", "-o", "5"));
		command.addAll(options);
		command.add("127.0.0.1");
		command.addAll(List.of(values));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("mbpoll ended").isTrue();
		return new Result(process.exitValue(), command + "\n" + new String(output, StandardCharsets.UTF_8));
	}

	record Result(int exit, String output) {
	}

}
