package cmd

import (
	"encoding/base64"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// unsecuredToken is a token Kafka's unsecured OAUTHBEARER validator
// accepts: a JWT with alg "none", no signature, and the principal in sub.
func unsecuredToken(sub string, exp time.Time) string {
	enc := base64.RawURLEncoding.EncodeToString
	claims := fmt.Sprintf(`{"sub":%q,"iat":%d,"exp":%d}`, sub, time.Now().Add(-time.Minute).Unix(), exp.Unix())
	return enc([]byte(`{"alg":"none"}`)) + "." + enc([]byte(claims)) + "."
}

// oauthURL is the cluster's SASL listener with ?mechanism=OAUTHBEARER and
// no user.
func oauthURL(c *kafkatest.RealCluster) string {
	return strings.ReplaceAll(c.SASLURL("OAUTHBEARER", "x", "y"), "x:y@", "")
}

// OAUTHBEARER against real Kafka: a valid token (from the environment or a
// file) logs in; a wrong or expired one exits 4 with one line.
func TestRealOAuthBearer(t *testing.T) {
	c := kafkatest.Real(t)
	topic := c.Topic(t, 1, 1, nil)
	url := oauthURL(c)
	good := unsecuredToken("admin", time.Now().Add(time.Hour))

	r := run(t, runOpts{env: map[string]string{"KAFKA_OAUTH_TOKEN": good}}, "-b", url, "list")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, topic) {
		t.Errorf("list with a token does not show %s:\n%s", topic, r.Stdout)
	}
	file := t.TempDir() + "/token"
	if err := os.WriteFile(file, []byte(good+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = run(t, runOpts{env: map[string]string{"KAFKA_OAUTH_TOKEN_FILE": file}}, "-b", url, "topic", topic)
	wantCode(t, r, 0)

	for name, tok := range map[string]string{
		"garbage": "not-a-jwt",
		"expired": unsecuredToken("admin", time.Now().Add(-time.Hour)),
	} {
		r = run(t, runOpts{env: map[string]string{"KAFKA_OAUTH_TOKEN": tok}}, "-b", url, "list")
		if r.Code != 4 {
			t.Errorf("%s token: exit %d, want 4\n%s", name, r.Code, r.Stderr)
		}
		wantOneLineError(t, r, "SASL authentication failed")
		if strings.Contains(r.Stderr, tok) {
			t.Errorf("%s token echoed: %s", name, r.Stderr)
		}
	}
}
