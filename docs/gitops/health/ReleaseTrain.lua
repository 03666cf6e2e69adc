-- ReleaseTrain: a paused train is Suspended (it starts no site until spec.paused is false again); a halted,
-- aborted or conflicting train, or one done with failed or blocked sites, is Degraded (Stalled says why).
local hs = kstatus(obj)
if observedCurrent(obj) and obj.status.phase == "Paused" and hs.status == "Progressing" then
  return { status = "Suspended", message = hs.message }
end
return hs
