-- karl-operator: the shared part of the Argo CD health checks, read as kstatus reads a status.
-- Argo CD runs it with the kind's own file appended (docs/gitops.md shows the assembled scripts).
--   Progressing  no status yet, the spec's generation not observed yet, or Reconciling=True
--   Degraded     Stalled=True (message: the condition's message, naming the field or the cause)
--   Healthy      Ready=True for the current generation
local function condition(obj, type)
  if obj.status == nil or obj.status.conditions == nil then
    return nil
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local function isTrue(obj, type)
  local c = condition(obj, type)
  return c ~= nil and c.status == "True"
end

-- True when the status describes the current spec (observedGeneration == metadata.generation).
local function observedCurrent(obj)
  return obj.status ~= nil and obj.status.observedGeneration ~= nil
    and obj.status.observedGeneration == obj.metadata.generation
end

local function kstatus(obj)
  if obj.status == nil or obj.status.conditions == nil then
    return { status = "Progressing", message = "Waiting for the operator's first reconcile" }
  end
  if not observedCurrent(obj) then
    return { status = "Progressing",
             message = "Waiting for the operator to observe generation " .. tostring(obj.metadata.generation) }
  end
  if isTrue(obj, "Reconciling") then
    return { status = "Progressing", message = condition(obj, "Reconciling").message }
  end
  if isTrue(obj, "Stalled") then
    return { status = "Degraded", message = condition(obj, "Stalled").message }
  end
  local ready = condition(obj, "Ready")
  if ready ~= nil and ready.status == "True" then
    return { status = "Healthy", message = ready.message }
  end
  return { status = "Progressing", message = ready ~= nil and ready.message or "Not Ready yet" }
end
