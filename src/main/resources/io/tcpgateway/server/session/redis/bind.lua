-- Binds a session key to a connection of this instance, and takes the frames queued for it.
-- KEYS: 1 the key's entry, 2 its queue, 3 the set of queues by expiry, 4 the count of queued frames
-- ARGV: 1 the entry's value (instance/connection), 2 the entry's expiry (ms),
--       3 'replace' (take the key from any holder), 'reject' or 'register' (keep a live holder's),
--       4 the message that tells a holder it was replaced (the value it held is appended),
--       5 the session key, 6 the prefix of instance keys and channels
-- Returns {'taken', value held} or {'bound', frames expired, frame...}
local value = ARGV[1]
local me = string.match(value, '^[^/]*')
local previous = redis.call('GET', KEYS[1])
if previous and previous ~= value then
  local holder = string.match(previous, '^[^/]*')
  if holder ~= me then
    if ARGV[3] ~= 'replace' and redis.call('EXISTS', ARGV[6] .. holder) == 1 then
      return {'taken', previous}
    end
    redis.call('PUBLISH', ARGV[6] .. holder, ARGV[4] .. previous)
  end
end
redis.call('SET', KEYS[1], value, 'PX', ARGV[2])
local result = {'bound', 0}
local frames = redis.call('LRANGE', KEYS[2], 0, -1)
if #frames > 0 then
  redis.call('DEL', KEYS[2])
  redis.call('ZREM', KEYS[3], ARGV[5])
  redis.call('DECRBY', KEYS[4], #frames)
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  for _, frame in ipairs(frames) do
    local bar = string.find(frame, '|', 1, true)
    if tonumber(string.sub(frame, 1, bar - 1)) > now then
      result[#result + 1] = string.sub(frame, bar + 1)
    else
      result[2] = result[2] + 1
    end
  end
end
return result
