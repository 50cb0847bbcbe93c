-- Drops the queues whose last frame expired, and reads how many frames are queued.
-- KEYS: 1 the set of queues by expiry, 2 the count of queued frames
-- ARGV: 1 the prefix of queue keys, 2 the most queues to drop in one call
-- Returns {frames dropped, frames queued}
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local keys = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local dropped = 0
for _, key in ipairs(keys) do
  local queue = ARGV[1] .. key
  dropped = dropped + redis.call('LLEN', queue)
  redis.call('DEL', queue)
  redis.call('ZREM', KEYS[1], key)
end
if dropped > 0 then
  redis.call('DECRBY', KEYS[2], dropped)
end
return {dropped, tonumber(redis.call('GET', KEYS[2]) or '0')}
