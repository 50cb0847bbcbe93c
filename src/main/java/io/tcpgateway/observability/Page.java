package io.tcpgateway.observability;

import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * One page of an endpoint's listing: at most {@code limit} items (default 100, at most 10,000),
 * after skipping {@code offset}.
 */
record Page(int limit, int offset) {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 10_000;

	/**
	 * The page the query parameters ask for.
	 * @throws IllegalArgumentException saying what is allowed, for a 400
	 */
	static Page of(@Nullable Integer limit, @Nullable Integer offset) {
		int pageSize = (limit != null) ? limit : DEFAULT_LIMIT;
		int skip = (offset != null) ? offset : 0;
		if (pageSize < 0 || pageSize > MAX_LIMIT || skip < 0) {
			throw new IllegalArgumentException("limit must be 0 to " + MAX_LIMIT + " and offset at least 0");
		}
		return new Page(pageSize, skip);
	}

	/** This page of items already in their order. */
	<T> List<T> of(Stream<T> ordered) {
		return ordered.skip(this.offset).limit(this.limit).toList();
	}

}
