package cmd

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// Logins that cannot be made exit 4 with one line naming what is missing,
// before any connection (the broker address is never dialled).
func TestLoginMissingCredentialsExit4(t *testing.T) {
	t.Parallel()
	const oauthURL = "kafka+sasl://127.0.0.1:1?mechanism=OAUTHBEARER"
	missing := filepath.Join(t.TempDir(), "nosuch")
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{nil, "OAUTHBEARER needs a token: set KAFKA_OAUTH_TOKEN or KAFKA_OAUTH_TOKEN_FILE"},
		{map[string]string{"KAFKA_OAUTH_TOKEN_FILE": missing}, "cannot read the OAUTHBEARER token file " + missing},
		{map[string]string{"KAFKA_OAUTH_TOKEN_URL": "http://127.0.0.1:1/token", "KAFKA_OAUTH_CLIENT_ID": "cli"}, "needs a client secret"},
	} {
		r := run(t, runOpts{env: tc.env}, "-b", oauthURL, "list")
		wantCode(t, r, 4)
		wantOneLineError(t, r, tc.want)
	}
}

// AWS_MSK_IAM with no AWS credentials anywhere exits 4 with one line. The
// SDK reads the process environment, so this test sets it (not parallel).
func TestMSKIAMNoCredentialsExit4(t *testing.T) {
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_CONFIG_FILE": filepath.Join(dir, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_PROFILE": "",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "", "AWS_WEB_IDENTITY_TOKEN_FILE": "",
		// A region, so that the missing credentials are what is reported.
		"AWS_REGION": "us-east-1",
	} {
		t.Setenv(k, v)
	}
	r := run(t, runOpts{}, "-b", "kafka+sasl_ssl://127.0.0.1:1?mechanism=AWS_MSK_IAM", "list")
	wantCode(t, r, 4)
	wantOneLineError(t, r, "AWS_MSK_IAM found no AWS credentials")
}

// AWS_MSK_IAM on a host that names no AWS region (not an MSK endpoint),
// with none in the environment, cannot sign its login: exit 2 with one
// line saying to set AWS_REGION, before any connection. The SDK and
// franz-go read the process environment, so this test sets it (not
// parallel).
func TestMSKIAMNoRegionExit2(t *testing.T) {
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
		"AWS_REGION": "", "AWS_DEFAULT_REGION": "", "AWS_PROFILE": "", "AWS_EC2_METADATA_DISABLED": "true",
	} {
		t.Setenv(k, v)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var dialled atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			dialled.Add(1)
			c.Close()
		}
	}()
	r := run(t, runOpts{}, "-b", "kafka+sasl_ssl://"+ln.Addr().String()+"?mechanism=AWS_MSK_IAM", "list")
	wantCode(t, r, 2)
	wantOneLineError(t, r, "AWS_MSK_IAM cannot tell the AWS region from 127.0.0.1")
	wantOneLineError(t, r, "set AWS_REGION (or AWS_DEFAULT_REGION)")
	if strings.Contains(r.Stderr+r.Stdout, "wJalrXUtnFEMI") {
		t.Errorf("the secret key is printed: %s", r.Stderr)
	}
	if n := dialled.Load(); n != 0 {
		t.Errorf("the broker was dialled %d times", n)
	}
}

func TestLoginURLsForTokenMechanisms(t *testing.T) {
	t.Parallel()
	for _, mech := range []string{"OAUTHBEARER", "AWS_MSK_IAM"} {
		r := run(t, runOpts{}, "-b", "kafka+sasl://u:pw@127.0.0.1:1?mechanism="+mech, "list")
		wantCode(t, r, 2)
		wantOneLineError(t, r, mech+" takes no user or password in the URL")
		if strings.Contains(r.Stderr, "pw") {
			t.Errorf("the password is echoed: %s", r.Stderr)
		}
	}
}

// The config file's sasl block carries the client-credentials settings; a
// refused secret exits 4 naming the token URL, and no secret appears in
// the output or the --verbose log, whatever the mechanism.
func TestLoginSecretsNeverPrinted(t *testing.T) {
	t.Parallel()
	const secret, token = "cl13nt-s3cr3t-value", "t0ken-value-never-shown"
	var asked int
	idp := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked++
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		json.NewEncoder(w).Encode(map[string]string{"error": "invalid_client", "error_description": "bad " + secret})
	}))
	defer idp.Close()
	home := t.TempDir()
	cfg := fmt.Sprintf(`clusters:
  idp:
    url: kafka+sasl://127.0.0.1:1?mechanism=OAUTHBEARER
    sasl: {mechanism: OAUTHBEARER, token_url: %s/token, client_id: cli, client_secret: %s, scope: kafka}
`, idp.URL, secret)
	os.MkdirAll(filepath.Join(home, "kafka"), 0o755)
	os.WriteFile(filepath.Join(home, "kafka", "config.yaml"), []byte(cfg), 0o600)
	r := run(t, runOpts{env: map[string]string{"XDG_CONFIG_HOME": home}}, "--verbose", "-c", "idp", "list")
	wantCode(t, r, 4)
	if asked == 0 {
		t.Fatal("the token URL was not asked")
	}
	if !strings.Contains(r.Stderr, "refused the client credentials: 401 Unauthorized (invalid_client)") {
		t.Errorf("stderr: %s", r.Stderr)
	}
	// A static token that a broker refuses (kfake has no OAUTHBEARER).
	c := saslCluster(t)
	r2 := run(t, runOpts{env: map[string]string{"KAFKA_OAUTH_TOKEN": token}}, "--verbose", "-b",
		"kafka+sasl://"+strings.Join(c.ListenAddrs(), ",")+"?mechanism=OAUTHBEARER", "list")
	wantCode(t, r2, 4)
	for _, out := range []string{r.Stdout, r.Stderr, r2.Stdout, r2.Stderr} {
		for _, s := range []string{secret, token} {
			if strings.Contains(out, s) {
				t.Errorf("a secret appears in the output:\n%s", out)
			}
		}
	}
}
