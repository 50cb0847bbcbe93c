package io.tcpgateway.observability.status;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.push.TcpPush;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page, rendered by a real headless Chromium (Debian's, through its chromedriver):
 * listeners with their state and settings, live rates and percentiles, rejections and closes,
 * sessions and pushes, the busiest clients; self-contained, refreshing itself, and fitting a
 * phone's screen.
 */
class StatusPageTests {

	static final Path SCREENSHOT = Path.of("target", "status-page.png");

	@TempDir
	Path profile;

	ChromeDriver browser;

	final List<TcpTestClient> clients = new ArrayList<>();

	@BeforeEach
	void startBrowser() {
		ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
		this.browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	@AfterEach
	void stop() throws IOException {
		this.browser.quit();
		for (TcpTestClient client : this.clients) {
			client.close();
		}
	}

	@Test
	void thePageShowsListenersTrafficRejectionsClosesAndClientsAndRefreshesItself() throws Exception {
		try (RunningServer server = RunningServer.start("--tcp.server.listeners.small.port=0",
				"--tcp.server.listeners.small.codec=stx-etx", "--tcp.server.listeners.small.max-connections=1")) {
			for (int i = 0; i < 3; i++) {
				TcpTestClient client = connect(server.tcpPort());
				for (int request = 0; request < 50; request++) {
					assertThat(client.request("ECHO " + request)).isEqualTo(String.valueOf(request));
				}
			}
			try (TcpTestClient leaving = TcpTestClient.connect(server.tcpPort())) {
				leaving.send("QUIT");
				leaving.readUntilClosed();
			}
			connect(server.tcpPort("small"), "stx-etx");
			try (TcpTestClient refused = TcpTestClient.connect(server.tcpPort("small"), "stx-etx")) {
				assertThat(refused.readUntilClosed()).contains("ERR server busy");
			}
			String url = "http://127.0.0.1:" + server.httpPort() + "/actuator/tcpstatus";

			// rates and percentiles cover the last seconds' samples: keep traffic going until they show
			TcpTestClient steady = connectFrom("127.0.0.2", server.tcpPort());
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
				assertThat(steady.request("PING")).isEqualTo("PONG");
				this.browser.get(url);
				assertThat(cell("default", "p99").getText()).endsWith(" ms");
				// a close and a rejection are counted just after the client sees them
				assertThat(rows("rejections-small")).anyMatch((row) -> row.startsWith("max-connections 1 "));
				assertThat(rows("closes-default")).anyMatch((row) -> row.startsWith("quit 1 "));
			});
			assertThat(this.browser.getTitle()).isEqualTo("tcp-gateway status");
			assertThat(cell("default", "state").getText()).isEqualTo("UP");
			assertThat(cell("default", "port").getText()).isEqualTo(String.valueOf(server.tcpPort()));
			assertThat(cell("small", "codec").getText()).isEqualTo("stx-etx");
			assertThat(cell("small", "connections").getText()).isEqualTo("1 / 1");
			assertThat(cell("default", "connections").getText()).isEqualTo("4");
			assertThat(Double.parseDouble(cell("default", "in msg/s").getText())).isPositive();
			// three clients of 50 requests and the small listener's one PING from 127.0.0.1
			assertThat(rows("clients")).anyMatch((row) -> row.startsWith("127.0.0.1 4 151 "))
				.anyMatch((row) -> row.startsWith("127.0.0.2 1 "));

			JavascriptExecutor js = this.browser;
			assertThat((Long) js.executeScript("return performance.getEntriesByType('resource').length"))
				.as("no external asset is loaded").isZero();
			js.executeScript("window.beforeRefresh = true");
			await().atMost(Duration.ofSeconds(StatusPage.REFRESH_SECONDS * 3L))
				.until(() -> js.executeScript("return window.beforeRefresh === undefined"), Boolean.TRUE::equals);

			this.browser.manage().window().setSize(new Dimension(390, 844));
			this.browser.navigate().refresh();
			assertThat((Long) js.executeScript("return document.documentElement.scrollWidth"))
				.as("a phone-wide page scrolls its tables, not the page").isLessThanOrEqualTo(390);
			Files.createDirectories(SCREENSHOT.getParent());
			this.browser.manage().window().setSize(new Dimension(1100, 900));
			this.browser.navigate().refresh();
			Files.write(SCREENSHOT, this.browser.getScreenshotAs(OutputType.BYTES));

			HttpResponse<String> raw = server.actuator().get("tcpstatus");
			assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/html"));
		}
	}

	@Test
	void thePageShowsSessionsAndPushesPerSecondByOutcome() throws Exception {
		try (RunningServer server = RunningServer.start("--tcp.server.listeners.other.port=0")) {
			TcpPush push = server.context().getBean(TcpPush.class);
			TcpTestClient first = connect(server.tcpPort());
			TcpTestClient second = connect(server.tcpPort());
			TcpTestClient elsewhere = connect(server.tcpPort("other"));
			assertThat(first.request("LOGIN meter-1")).isEqualTo("OK meter-1");
			assertThat(second.request("LOGIN meter-2")).isEqualTo("OK meter-2");
			assertThat(elsewhere.request("PING")).isEqualTo("PONG");
			String url = "http://127.0.0.1:" + server.httpPort() + "/actuator/tcpstatus";

			// rates cover the last seconds' samples: keep pushing until they show
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
				assertThat(push.toSession("meter-1", "READ").toCompletableFuture().get(10, TimeUnit.SECONDS))
					.isEqualTo(PushOutcome.WRITTEN);
				assertThat(first.receive()).isEqualTo("READ");
				assertThat(push.toSession("meter-9", "READ").toCompletableFuture().get(10, TimeUnit.SECONDS))
					.isEqualTo(PushOutcome.NOT_CONNECTED);
				this.browser.get(url);
				assertThat(Double.parseDouble(cell("default", "pushed/s").getText())).isPositive();
				assertThat(rows("pushes-default")).anyMatch((row) -> row.startsWith("written "));
				assertThat(this.browser.findElement(By.id("sessions")).getText())
					.matches("Sessions bound: 2\\. Pushes that found no connection: [1-9]\\d*, \\d+\\.\\d/s\\.");
			});
			assertThat(cell("default", "sessions").getText()).isEqualTo("2");
			assertThat(cell("other", "sessions").getText()).isEqualTo("0");
			assertThat(cell("other", "pushed/s").getText()).isEqualTo("0.0");
			assertThat(rows("pushes-other")).containsExactly("none");
		}
	}

	@Test
	void namesFromConfigurationAreEscaped() throws Exception {
		try (RunningServer server = RunningServer.start("--spring.application.name=<b>gw</b>")) {
			this.browser.get("http://127.0.0.1:" + server.httpPort() + "/actuator/tcpstatus");
			assertThat(this.browser.getTitle()).isEqualTo("<b>gw</b> status");
			assertThat(this.browser.findElements(By.cssSelector("header b"))).isEmpty();
		}
	}

	private TcpTestClient connectFrom(String address, int port) throws IOException {
		TcpTestClient client = TcpTestClient.connectFrom(address, port);
		this.clients.add(client);
		return client;
	}

	private TcpTestClient connect(int port) throws IOException {
		return connect(port, null);
	}

	private TcpTestClient connect(int port, String codec) throws IOException {
		TcpTestClient client = (codec != null) ? TcpTestClient.connect(port, codec) : TcpTestClient.connect(port);
		this.clients.add(client);
		if (codec != null) {
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
		return client;
	}

	private WebElement cell(String listener, String column) {
		List<String> headers = this.browser.findElements(By.cssSelector("#listeners th"))
			.stream()
			.map(WebElement::getText)
			.toList();
		int index = headers.indexOf(column);
		assertThat(index).as("column " + column + " in " + headers).isNotNegative();
		return this.browser.findElement(By.cssSelector("#listeners tr[data-listener='" + listener + "']"))
			.findElements(By.tagName("td"))
			.get(index);
	}

	private List<String> rows(String table) {
		return this.browser.findElements(By.cssSelector("#" + table + " tr"))
			.stream()
			.skip(1)
			.map((row) -> row.getText().replaceAll("\\s+", " "))
			.toList();
	}

}
