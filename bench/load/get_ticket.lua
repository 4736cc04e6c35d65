-- GET /api/v1/tickets/{id} for a random id in 1..KEFU_BENCH_MAX_TICKET_ID.
dofile(os.getenv("KEFU_BENCH_LUA_DIR") .. "/common.lua")

local max_id = tonumber(os.getenv("KEFU_BENCH_MAX_TICKET_ID") or "1000")

function request()
  return wrk.format("GET", "/api/v1/tickets/" .. math.random(1, max_id))
end
