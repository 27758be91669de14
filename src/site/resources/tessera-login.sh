# Defines tessera_login ACCOUNT USERNAME PASSWORD for bash: logs a person in through Tessera's login
# page with PKCE and the public client tessera-cli, and prints the access token. ACCOUNT is the
# account id or the root e-mail; USERNAME is empty for the root user. Needs curl, jq and openssl,
# and TESSERA set to the issuer's URL (default http://localhost:9000). Source it: . tessera-login.sh
# The same function is written out in src/site/markdown/walkthrough.md.
TESSERA=${TESSERA:-http://localhost:9000}

tessera_login() {
  local jar verifier challenge redirect csrf next code
  jar=$(mktemp); redirect=http://127.0.0.1:8400/callback
  verifier=$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=\n')
  challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n')
  curl -s -c "$jar" -b "$jar" -o /dev/null -H 'Accept: text/html' \
    "$TESSERA/oauth2/authorize?response_type=code&client_id=tessera-cli&redirect_uri=$redirect&code_challenge=$challenge&code_challenge_method=S256"
  csrf=$(curl -s -c "$jar" -b "$jar" "$TESSERA/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
  next=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' --data-urlencode "account=$1" \
    --data-urlencode "username=$2" --data-urlencode "password=$3" --data-urlencode "_csrf=$csrf" "$TESSERA/login")
  next=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' -H 'Accept: text/html' "$next")
  code=$(printf %s "$next" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p'); rm -f "$jar"
  curl -s "$TESSERA/oauth2/token" -d grant_type=authorization_code -d client_id=tessera-cli \
    --data-urlencode "code=$code" -d "redirect_uri=$redirect" -d "code_verifier=$verifier" | jq -r .access_token
}
