package io.tcpgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key stores made at test time with the JDK's keytool: a server and a client key pair
 * (self-signed), and trust stores holding each other's certificate.
 */
public final class TestCertificates {

	public static final String PASSWORD = "changeit";

	private final Path dir;

	private TestCertificates(Path dir) {
		this.dir = dir;
	}

	/** Creates {@code server.p12}, {@code client.p12}, {@code stranger.p12} and the trust stores in {@code dir}. */
	public static TestCertificates create(Path dir) throws IOException, InterruptedException {
		TestCertificates certificates = new TestCertificates(dir);
		certificates.keyPair("server", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
		certificates.keyPair("client", "CN=trusted-client", null);
		certificates.keyPair("stranger", "CN=stranger", null);
		certificates.trust("server", "trust-server.p12");
		certificates.trust("client", "trust-client.p12");
		return certificates;
	}

	/**
	 * One more client key pair, {@code alias.p12}, with any subject (control characters
	 * included), trusted by {@code trust-client.p12}: call it before a server loads the trust store.
	 */
	public void addTrustedClient(String alias, String dname) throws IOException, InterruptedException {
		keyPair(alias, dname, null);
		trust(alias, "trust-client.p12");
	}

	public Path path(String file) {
		return this.dir.resolve(file);
	}

	/** Spring Boot properties for a JKS-style (PKCS12) bundle named {@code name}. */
	public List<String> bundleArgs(String name, boolean withTrustStore) {
		String prefix = "--spring.ssl.bundle.jks." + name + ".";
		List<String> args = new ArrayList<>(List.of(prefix + "keystore.location=file:" + path("server.p12"),
				prefix + "keystore.password=" + PASSWORD, prefix + "keystore.type=PKCS12"));
		if (withTrustStore) {
			args.addAll(List.of(prefix + "truststore.location=file:" + path("trust-client.p12"),
					prefix + "truststore.password=" + PASSWORD, prefix + "truststore.type=PKCS12"));
		}
		return args;
	}

	/** A TLS client that trusts the server and presents {@code identity}'s key, or none when null. */
	public SSLSocket connect(int port, String identity) throws IOException, GeneralSecurityException {
		return connect(port, identity, new String[0]);
	}

	/** The same, speaking only the given protocols (such as {@code TLSv1.2}); none given means the JDK's. */
	public SSLSocket connect(int port, String identity, String... protocols)
			throws IOException, GeneralSecurityException {
		SSLContext context = SSLContext.getInstance("TLS");
		KeyManagerFactory keys = null;
		if (identity != null) {
			keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(load(identity + ".p12"), PASSWORD.toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(load("trust-server.p12"));
		context.init((keys != null) ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
		if (protocols.length > 0) {
			socket.setEnabledProtocols(protocols);
		}
		socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
		socket.setSoTimeout(10_000);
		socket.startHandshake();
		return socket;
	}

	private KeyStore load(String file) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(path(file))) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

	private void keyPair(String alias, String dname, String extension) throws IOException, InterruptedException {
		List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
				"secp256r1", "-dname", dname, "-validity", "2", "-keystore", path(alias + ".p12").toString(),
				"-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
		if (extension != null) {
			args.addAll(List.of("-ext", extension));
		}
		keytool(args);
		keytool(List.of("-exportcert", "-alias", alias, "-keystore", path(alias + ".p12").toString(), "-storepass",
				PASSWORD, "-rfc", "-file", path(alias + ".crt").toString()));
	}

	private void trust(String alias, String trustStore) throws IOException, InterruptedException {
		keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", path(alias + ".crt").toString(),
				"-keystore", path(trustStore).toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
	}

	private static void keytool(List<String> args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(args);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException("keytool " + args + " failed: " + output);
		}
	}

}
