-- KarlSite: an Aborted rollout is Degraded, even while the previous release still serves traffic.
local hs = kstatus(obj)
if observedCurrent(obj) and obj.status.phase == "Aborted" then
  hs = { status = "Degraded", message = "Rollout aborted: " .. tostring(hs.message) }
end
return hs
