-- wrk script: POSTs one single-value prediction per request to the model in the environment's MODEL_PATH.
wrk.method = "POST"
wrk.path = os.getenv("MODEL_PATH") .. "/predictions"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"x": [2.5]}'

local non2xx = 0
response = function(status, headers, body)
  if status ~= 200 then
    non2xx = non2xx + 1
  end
end
