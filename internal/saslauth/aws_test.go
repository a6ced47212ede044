package saslauth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// AWS's example credentials, from its Signature Version 4 documentation.
const (
	testAccessKey = "AKIDEXAMPLE"
	testSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	testSession   = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="
)

// isolateAWS makes the SDK's default chain see only what the test sets:
// no shared files, no instance metadata (no traffic off loopback).
func isolateAWS(t *testing.T) {
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_CONFIG_FILE":                        filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE":            filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED":              "true",
		"AWS_ACCESS_KEY_ID":                      "",
		"AWS_SECRET_ACCESS_KEY":                  "",
		"AWS_SESSION_TOKEN":                      "",
		"AWS_PROFILE":                            "",
		"AWS_REGION":                             "",
		"AWS_DEFAULT_REGION":                     "",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI":     "",
		"AWS_WEB_IDENTITY_TOKEN_FILE":            "",
	} {
		t.Setenv(k, v)
	}
}

// The AWS_MSK_IAM client message is aws-msk-iam-auth's JSON payload: a
// SigV4 presigned kafka-cluster:Connect request for the broker's host. It
// is checked field by field, and its signature against the AWS SDK's own
// presigner for the same credentials, host and time.
func TestMSKIAMPayload(t *testing.T) {
	isolateAWS(t)
	t.Setenv("AWS_ACCESS_KEY_ID", testAccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", testSecretKey)
	t.Setenv("AWS_SESSION_TOKEN", testSession)
	const host = "b-1.demo.abc123.c2.kafka.us-east-1.amazonaws.com"
	ctx := context.Background()
	m, err := AWSMechanism(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if m.Name() != "AWS_MSK_IAM" {
		t.Fatalf("mechanism %q", m.Name())
	}
	before := time.Now().UTC().Truncate(time.Second)
	_, msg, err := m.Authenticate(ctx, host+":9098")
	if err != nil {
		t.Fatal(err)
	}
	after := time.Now().UTC()
	var p map[string]string
	if err := json.Unmarshal(msg, &p); err != nil {
		t.Fatalf("payload is not a JSON object of strings: %v\n%s", err, msg)
	}
	signedAt, err := time.Parse("20060102T150405Z", p["x-amz-date"])
	if err != nil || signedAt.Before(before) || signedAt.After(after) {
		t.Fatalf("x-amz-date %q is not the time of the login (%s..%s)", p["x-amz-date"], before, after)
	}
	date := signedAt.Format("20060102")
	want := map[string]string{
		"version":              "2020_10_22",
		"host":                 host,
		"user-agent":           "kafka-cli",
		"action":               "kafka-cluster:Connect",
		"x-amz-algorithm":      "AWS4-HMAC-SHA256",
		"x-amz-credential":     testAccessKey + "/" + date + "/us-east-1/kafka-cluster/aws4_request",
		"x-amz-date":           p["x-amz-date"],
		"x-amz-expires":        "300",
		"x-amz-signedheaders":  "host",
		"x-amz-security-token": testSession,
	}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("%s = %q, want %q", k, p[k], v)
		}
	}
	for k := range p {
		if _, ok := want[k]; !ok && k != "x-amz-signature" {
			t.Errorf("unexpected field %s", k)
		}
	}

	// The same request presigned by the SDK.
	q := url.Values{"Action": {"kafka-cluster:Connect"}, "X-Amz-Expires": {"300"}}
	req, _ := http.NewRequest(http.MethodGet, "https://"+host+"/?"+strings.ReplaceAll(q.Encode(), "+", "%20"), nil)
	empty := sha256.Sum256(nil)
	signed, _, err := v4.NewSigner().PresignHTTP(ctx,
		aws.Credentials{AccessKeyID: testAccessKey, SecretAccessKey: testSecretKey, SessionToken: testSession},
		req, hex.EncodeToString(empty[:]), "kafka-cluster", "us-east-1", signedAt)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(signed)
	if sig := u.Query().Get("X-Amz-Signature"); sig == "" || p["x-amz-signature"] != sig {
		t.Errorf("x-amz-signature = %q, the SDK's presigner gives %q", p["x-amz-signature"], sig)
	}
	if strings.Contains(string(msg), testSecretKey) {
		t.Error("the payload carries the secret key")
	}
}

func TestMSKIAMWithoutCredentials(t *testing.T) {
	isolateAWS(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := AWSMechanism(ctx, "")
	le, ok := IsLoginError(err)
	if !ok || !strings.Contains(le.Msg, "AWS_MSK_IAM found no AWS credentials") || strings.Contains(le.Msg, "\n") {
		t.Fatalf("%v, want one line saying no credentials were found", err)
	}
	_, err = AWSMechanism(ctx, "nosuch")
	if le, ok := IsLoginError(err); !ok || !strings.Contains(le.Msg, `"nosuch"`) {
		t.Fatalf("a missing profile: %v, want one line naming it", err)
	}
}

// The region comes from an MSK host, or else from the environment, as
// franz-go signs; a host naming none with no region set is reported.
func TestCheckAWSRegion(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	msk := "b-1.demo.abc123.c2.kafka.eu-west-1.amazonaws.com:9098"
	for _, tc := range []struct {
		brokers []string
		getenv  func(string) string
		bad     string // the host named in the error; "" for none
	}{
		{[]string{msk}, env(), ""},
		{[]string{"127.0.0.1:9098"}, env("AWS_REGION", "us-east-1"), ""},
		{[]string{"localhost:9098"}, env("AWS_DEFAULT_REGION", "us-east-1"), ""},
		{[]string{msk, "10.0.0.7:9098"}, env(), "10.0.0.7"},
		{[]string{"amazonaws.com:9098"}, env(), "amazonaws.com"},
	} {
		err := CheckAWSRegion(tc.brokers, tc.getenv)
		switch {
		case tc.bad == "" && err != nil:
			t.Errorf("%v: %v", tc.brokers, err)
		case tc.bad != "" && (err == nil || !strings.Contains(err.Error(), "from "+tc.bad+",") || !strings.Contains(err.Error(), "set AWS_REGION")):
			t.Errorf("%v: err %v, want one naming %s and AWS_REGION", tc.brokers, err, tc.bad)
		}
	}
}
