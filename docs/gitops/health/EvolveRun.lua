-- EvolveRun: a finished run is judged by its phase: Succeeded is Healthy, Failed is Degraded.
if observedCurrent(obj) and obj.status.phase == "Succeeded" then
  return { status = "Healthy", message = "Evolve run succeeded" }
end
if observedCurrent(obj) and obj.status.phase == "Failed" then
  local stalled = condition(obj, "Stalled")
  return { status = "Degraded", message = stalled ~= nil and stalled.message or "Evolve run failed" }
end
return kstatus(obj)
