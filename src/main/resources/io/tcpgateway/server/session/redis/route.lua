-- Sends a push to the instance holding a session key, or queues it when no live instance does.
-- KEYS: 1 the key's entry, 2 its queue, 3 the set of queues by expiry, 4 the count of queued frames
-- ARGV: 1 this instance, 2 'route', or 'requeue' when this instance was sent the push and holds no
--       connection for the key, 3 the message for the holder ('' to send none), 4 the frame as queued,
--       5 the most frames a key may have waiting (0: no queue), 6 a frame's time to live (ms),
--       7 the most keys with frames waiting, 8 the session key, 9 the prefix of instance keys and channels
-- Returns {'routed'}, {'self'} (this instance holds the key; with 'requeue', {'self', the entry}:
-- a connection there may have bound it meanwhile, so the instance looks again and lets a stale
-- entry go itself), {'not-connected'}, or {'queued' or 'full', frames found expired}
local holder = redis.call('GET', KEYS[1])
if holder then
  local instance = string.match(holder, '^[^/]*')
  if instance == ARGV[1] then
    if ARGV[2] == 'route' then
      return {'self'}
    end
    return {'self', holder}
  elseif redis.call('EXISTS', ARGV[9] .. instance) == 1 then
    if ARGV[3] == '' then
      return {'not-connected'}
    end
    if redis.call('PUBLISH', ARGV[9] .. instance, ARGV[3]) > 0 then
      return {'routed'}
    end
    redis.call('DEL', KEYS[1])
  else
    -- its instance stopped refreshing its liveness: the entry is stale
    redis.call('DEL', KEYS[1])
  end
end
local most = tonumber(ARGV[5])
if most == 0 then
  return {'not-connected'}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local expired = 0
while true do
  local head = redis.call('LINDEX', KEYS[2], 0)
  if not head or tonumber(string.match(head, '^%d+')) > now then
    break
  end
  redis.call('LPOP', KEYS[2])
  expired = expired + 1
end
if expired > 0 then
  redis.call('DECRBY', KEYS[4], expired)
end
local waiting = redis.call('LLEN', KEYS[2])
if waiting >= most then
  return {'full', expired}
end
if waiting == 0 and not redis.call('ZSCORE', KEYS[3], ARGV[8])
    and redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[7]) then
  return {'full', expired}
end
local expires = now + tonumber(ARGV[6])
redis.call('RPUSH', KEYS[2], string.format('%d', expires) .. '|' .. ARGV[4])
redis.call('ZADD', KEYS[3], expires, ARGV[8])
redis.call('INCR', KEYS[4])
return {'queued', expired}
