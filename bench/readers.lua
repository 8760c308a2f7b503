-- wrk script: each connection cycles through the public pages a reader visits.
local paths = {
  "/", "/stories/", "/cities/", "/cities/chiang-mai/", "/en/", "/en/stories/",
  "/en/cities/chiang-mai/", "/stories/?kind=interview", "/privacy/", "/healthz",
}
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
