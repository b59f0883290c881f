#!/bin/sh
# After the code is deployed: azd runs this as azure.yaml's postdeploy hook; without azd, run it yourself with the
# same variables (docs/deploy.md, "Without azd"). It
#   1. waits until the Function App's Key Vault references resolve (refreshing them, bounded), because the app refuses
#      to start while a setting still holds one;
#   2. waits for the blob extension's system key, which exists only once the host runs the code;
#   3. subscribes BlobCreated events of the uploads container to the blob trigger's webhook, as Microsoft's
#      functions-quickstart-dotnet-azd-eventgrid-blob post-deploy script does (the system topic is in the template);
#   4. smoke-tests the gate: /api/health answers 200, an API call without a token 401.
# It creates that one subscription and changes nothing else: no template deployment, no Static Web App.
set -eu

: "${AZURE_RESOURCE_GROUP:?set AZURE_RESOURCE_GROUP (azd sets it)}"
: "${AZURE_FUNCTION_APP_NAME:?set AZURE_FUNCTION_APP_NAME (an output of infra/main.bicep)}"
: "${EVENT_GRID_SYSTEM_TOPIC:?set EVENT_GRID_SYSTEM_TOPIC (an output of infra/main.bicep)}"
: "${UPLOADS_CONTAINER:?set UPLOADS_CONTAINER (an output of infra/main.bicep)}"
attempts="${HK_POSTDEPLOY_ATTEMPTS:-40}"
pause="${HK_POSTDEPLOY_PAUSE_SECONDS:-15}"

say() { echo "postdeploy: $*"; }
fail() { echo "postdeploy: $*" >&2; exit 1; }
command -v az >/dev/null || fail "the Azure CLI (az) is required."
command -v curl >/dev/null || fail "curl is required."

app_id=$(az functionapp show -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" --query id -o tsv)
app_host=$(az functionapp show -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" --query defaultHostName -o tsv)

# 1. Key Vault references (the role assignment may take minutes to propagate after the template granted it).
refreshed=no
i=0
while :; do
  unresolved=$(az rest --method get --url "${app_id}/config/configreferences/appsettings?api-version=2022-03-01" \
    --query "value[?properties.status!='Resolved'].name" -o tsv)
  [ -z "$unresolved" ] && break
  i=$((i + 1))
  [ "$i" -le "$attempts" ] || fail "Key Vault references still unresolved after $attempts tries: $unresolved (docs/deploy.md, 'If the app refuses to start')."
  say "Key Vault references not resolved yet ($(echo "$unresolved" | tr '\n' ' ')); refreshing, try $i of $attempts."
  az rest --method post --url "${app_id}/config/configreferences/appsettings/refresh?api-version=2022-03-01" >/dev/null || true
  refreshed=yes
  sleep "$pause"
done
if [ "$refreshed" = yes ]; then
  say "references resolved; restarting the app so it starts with the secrets."
  az functionapp restart -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" >/dev/null
fi

# 2. The blob extension's system key.
i=0
while :; do
  key=$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" --query systemKeys.blobs_extension -o tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  i=$((i + 1))
  [ "$i" -le "$attempts" ] || fail "no blobs_extension system key after $attempts tries: is the code deployed and the host running?"
  say "waiting for the host to create the blobs_extension key, try $i of $attempts."
  sleep "$pause"
done

# 3. The one subscription. Event Grid validates the webhook on creation; App Service Authentication lets
#    /runtime/webhooks/blobs through (excludedPaths), and the system key in the URL is the extension's own check.
az eventgrid system-topic event-subscription create \
  --name ingest-uploads \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$EVENT_GRID_SYSTEM_TOPIC" \
  --endpoint-type webhook \
  --endpoint "https://${app_host}/runtime/webhooks/blobs?functionName=Host.Functions.IngestUpload&code=${key}" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with "/blobServices/default/containers/${UPLOADS_CONTAINER}/" \
  --max-events-per-batch 1 \
  --max-delivery-attempts 30 \
  --event-ttl 1440 >/dev/null
say "Event Grid feeds BlobCreated of container '${UPLOADS_CONTAINER}' to the blob trigger."

# 4. Smoke test: the host is up, and the gate turns away a call without a token.
i=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' "https://${app_host}/api/health")" = 200 ]; do
  i=$((i + 1))
  [ "$i" -le "$attempts" ] || fail "https://${app_host}/api/health did not answer 200."
  sleep "$pause"
done
status=$(curl -s -o /dev/null -w '%{http_code}' "https://${app_host}/api/filters")
[ "$status" = 401 ] || fail "an API call without a token answered $status, not 401: App Service Authentication is not in front of the API."
say "health 200, unauthenticated API call 401. Dashboard: ${DASHBOARD_URL:-see the DASHBOARD_URL output}"
