package io.tcpgateway.examples;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.llp.MinLLPReader;
import ca.uhn.hl7v2.llp.MinLLPWriter;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.model.v25.message.ADT_A01;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/hl7-mllp and HAPI's own MLLP client ({@code HapiContext.newClient}), which sends each
 * message framed by MLLP, waits for the ACK whose MSA-2 is the message's control id, and parses it
 * with its v2.5 structures.
 */
class Hl7MllpExampleIT {

	@RegisterExtension
	static final RunningExample example = new RunningExample("hl7-mllp");

	private HapiContext context;

	private Connection connection;

	@BeforeEach
	void connect() throws Exception {
		this.context = new DefaultHapiContext();
		// HAPI's default generator keeps its counter in a file in the working directory
		this.context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
		this.connection = this.context.newClient("127.0.0.1", example.port(), false);
	}

	@AfterEach
	void disconnect() throws IOException {
		this.connection.close();
		this.context.close();
	}

	@Test
	void eachMessageOnAConnectionIsAcceptedWithItsControlId() throws Exception {
		for (int n = 1; n <= 3; n++) {
			ADT_A01 admission = this.context.newMessage(ADT_A01.class);
			admission.initQuickstart("ADT", "A01", "P");
			admission.getMSH().getSendingApplication().getNamespaceID().setValue("REGISTRATION");
			admission.getMSH().getSendingFacility().getNamespaceID().setValue("WARD" + n);
			admission.getMSH().getReceivingApplication().getNamespaceID().setValue("GATEWAY");
			admission.getPID().getPatientName(0).getFamilyName().getSurname().setValue("Doe");
			String controlId = admission.getMSH().getMessageControlID().getValue();

			Message response = this.connection.getInitiator().sendAndReceive(admission);

			assertThat(response).isInstanceOf(ACK.class);
			ACK ack = (ACK) response;
			assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
			assertThat(ack.getMSA().getMessageControlID().getValue()).isEqualTo(controlId);
			assertThat(ack.getMSH().getMessageType().encode()).isEqualTo("ACK^A01^ACK");
			assertThat(ack.getMSH().getReceivingApplication().encode()).as("back to the sender")
				.isEqualTo("REGISTRATION");
			assertThat(ack.getMSH().getReceivingFacility().encode()).isEqualTo("WARD" + n);
			assertThat(ack.getMSH().getSendingApplication().encode()).isEqualTo("GATEWAY");
			assertThat(ack.getMSH().getVersionID().getVersionID().getValue()).isEqualTo("2.5");
			assertThat(ack.getMSH().getMessageControlID().getValue()).as("the ACK's own control id")
				.isNotBlank()
				.isNotEqualTo(controlId);
		}
	}

	@Test
	void aMessageParsedFromItsWireFormIsAcceptedToo() throws Exception {
		Message result = this.context.getPipeParser()
			.parse("MSH|^~\\&|LAB|HOSPITAL|EHR|HOSPITAL|20261204101500||ORU^R01^ORU_R01|LAB-000042|P|2.5\r"
					+ "PID|1||555-44-3333||Doe^Jane\r" + "OBR|1||7781|GLU^Glucose\r"
					+ "OBX|1|NM|GLU^Glucose||5.4|mmol/L|3.9-5.5|N|||F\r");

		ACK ack = (ACK) this.connection.getInitiator().sendAndReceive(result);

		assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
		assertThat(ack.getMSA().getMessageControlID().getValue()).isEqualTo("LAB-000042");
		assertThat(ack.getMSH().getMessageType().encode()).isEqualTo("ACK^R01^ACK");
		assertThat(ack.getMSH().getReceivingApplication().encode()).isEqualTo("LAB");
		assertThat(ack.getMSH().getSendingApplication().encode()).isEqualTo("EHR");
	}

	/** HAPI's MLLP writer and reader, under its message layer: what that layer would not send. */
	@Test
	void aMessageWithoutAnMshSegmentIsRejected() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", example.port())) {
			socket.setSoTimeout(10_000);
			new MinLLPWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1).writeMessage("PID|1||555-44-3333\r");
			String ack = new MinLLPReader(socket.getInputStream(), StandardCharsets.ISO_8859_1).getMessage();
			assertThat(ack).startsWith("MSH|^~\\&|").contains("|ACK|").endsWith("\rMSA|AR||no MSH segment\r");
		}
	}

}
