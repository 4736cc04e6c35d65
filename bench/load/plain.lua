-- GET of the URL given to wrk (GET /healthz, the filtered ticket page), with the token.
dofile(os.getenv("KEFU_BENCH_LUA_DIR") .. "/common.lua")
