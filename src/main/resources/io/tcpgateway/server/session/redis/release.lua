-- Lets a session key go, if the connection letting it go still holds it.
-- KEYS: 1 the key's entry; ARGV: 1 the value it holds (instance/connection)
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
