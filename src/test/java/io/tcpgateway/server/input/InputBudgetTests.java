package io.tcpgateway.server.input;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input budget: below its bound nothing happens; past it, the connections that have held
 * input longest are told to close until what they give back brings the total under the bound, and
 * a connection told once is not swept for again while it closes.
 */
class InputBudgetTests {

	final AtomicLong clock = new AtomicLong();

	final InputBudget budget = new InputBudget(1000, this.clock::get);

	final List<String> closed = new ArrayList<>();

	final List<Runnable> eventLoop = new ArrayList<>();

	InputBudget.Share share(String name) {
		return this.budget.share(this.eventLoop::add, () -> this.closed.add(name));
	}

	void runEventLoop() {
		List<Runnable> tasks = new ArrayList<>(this.eventLoop);
		this.eventLoop.clear();
		tasks.forEach(Runnable::run);
	}

	@Test
	void belowTheBoundNothingIsClosedAndWhatIsHeldIsCounted() {
		InputBudget.Share a = share("a");
		a.hold(600);
		a.hold(900);
		assertThat(this.budget.used()).isEqualTo(900);
		a.hold(0);
		assertThat(this.budget.used()).isZero();
		assertThat(this.budget.holders()).isZero();
		assertThat(this.closed).isEmpty();
	}

	@Test
	void pastTheBoundTheLongestHoldersAreClosedFirstUntilEnoughIsOnItsWayBack() {
		InputBudget.Share oldest = share("oldest");
		InputBudget.Share older = share("older");
		InputBudget.Share newest = share("newest");
		oldest.hold(300);
		this.clock.set(10);
		older.hold(300);
		this.clock.set(20);
		newest.hold(300);
		this.clock.set(30);
		newest.hold(600);
		runEventLoop();
		assertThat(this.closed).as("300 over: the oldest holder's 300 bring it back").containsExactly("oldest");
		newest.hold(800);
		runEventLoop();
		assertThat(this.closed).as("the one told already is not told again").containsExactly("oldest", "older");
	}

	@Test
	void whatAClosedConnectionGivesBackSettlesTheBudget() {
		InputBudget.Share a = share("a");
		InputBudget.Share b = share("b");
		a.hold(800);
		this.clock.set(10);
		b.hold(400);
		runEventLoop();
		assertThat(this.closed).containsExactly("a");
		// it grew a little before it heard, then closed
		a.hold(850);
		a.hold(0);
		b.hold(0);
		assertThat(this.budget.used()).isZero();
		b.hold(999);
		runEventLoop();
		assertThat(this.closed).as("nothing is counted as still leaving").containsExactly("a");
	}

	@Test
	void whenTheLongestHoldersCannotMakeRoomTheConnectionThatWentOverGivesItsBytesBack() {
		InputBudget.Share old = share("old");
		InputBudget.Share newcomer = share("newcomer");
		assertThat(old.hold(900)).isTrue();
		this.clock.set(10);
		assertThat(newcomer.hold(50)).isTrue();
		assertThat(newcomer.hold(1200)).as("2,100 held: the old one's 900 are not enough").isFalse();
		runEventLoop();
		assertThat(this.closed).as("told to leave all the same").containsExactly("old");
		newcomer.hold(0);
		old.hold(0);
		assertThat(this.budget.used()).isZero();
	}

	@Test
	void noMoreThanOneBoundsWorthIsEverOnItsWayBack() {
		List<InputBudget.Share> holders = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			this.clock.set(i);
			InputBudget.Share holder = share("h" + i);
			holders.add(holder);
			if (!holder.hold(300)) {
				// as the frame reader does: a read the budget has no room for is dropped at once
				holder.hold(0);
			}
		}
		// nothing closed yet (no event loop ran): told ones still hold their bytes
		assertThat(this.budget.used()).as("what is held, however many reads come before any close")
			.isLessThanOrEqualTo(2 * 1000 + 300);
	}

}
