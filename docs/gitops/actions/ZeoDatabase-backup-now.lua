-- backup-now: sets deploy.karlproject.org/backup-now to a new nonce (the current UTC time); the
-- operator takes one backup per new value. Setting it again with the same value does nothing.
local os = require("os")
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["deploy.karlproject.org/backup-now"] = os.date("!%Y-%m-%dT%H:%M:%SZ")
return obj
