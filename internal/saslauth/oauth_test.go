package saslauth

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// tokenServer is an OAuth token endpoint on loopback that issues tokens
// "tok-1", "tok-2", ... valid for lifetime.
type tokenServer struct {
	*httptest.Server
	mu     sync.Mutex
	issued []time.Time
	scopes []string
}

func newTokenServer(t *testing.T, lifetime time.Duration, id, secret string) *tokenServer {
	ts := &tokenServer{}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		u, p, ok := r.BasicAuth()
		if !ok {
			u, p = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
		}
		if r.PostForm.Get("grant_type") != "client_credentials" || u != id || p != secret {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprintf(w, `{"error":"invalid_client","error_description":"bad secret %s"}`, p)
			return
		}
		ts.mu.Lock()
		ts.issued = append(ts.issued, time.Now())
		ts.scopes = append(ts.scopes, r.PostForm.Get("scope"))
		n := len(ts.issued)
		ts.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"access_token": fmt.Sprintf("tok-%d", n), "token_type": "Bearer", "expires_in": int(lifetime / time.Second)})
	}))
	t.Cleanup(ts.Close)
	return ts
}

// bearer is the token in an OAUTHBEARER initial message (RFC 7628).
func bearer(t *testing.T, msg []byte) string {
	t.Helper()
	s := string(msg)
	if !strings.HasPrefix(s, "n,,\x01auth=Bearer ") || !strings.HasSuffix(s, "\x01\x01") {
		t.Fatalf("not an OAUTHBEARER client message: %q", s)
	}
	return strings.TrimSuffix(strings.TrimPrefix(s, "n,,\x01auth=Bearer "), "\x01\x01")
}

// The client-credentials flow reuses a token while it is valid and gets a
// new one before it expires.
func TestClientCredentialsRefreshesBeforeExpiry(t *testing.T) {
	// oauth2 renews a token 10 s before it expires, so one valid for 12 s
	// is renewed after about 2 s, 10 s before its expiry.
	const lifetime = 12 * time.Second
	ts := newTokenServer(t, lifetime, "cli", "s3cret")
	m, err := OAuthMechanism(OAuth{TokenURL: ts.URL, ClientID: "cli", Secret: "s3cret", Scope: "kafka read"}, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	login := func() string {
		_, msg, err := m.Authenticate(ctx, "127.0.0.1:9092")
		if err != nil {
			t.Fatal(err)
		}
		return bearer(t, msg)
	}
	if got := login(); got != "tok-1" {
		t.Fatalf("first login sent %q, want tok-1", got)
	}
	if got := login(); got != "tok-1" {
		t.Fatalf("second login sent %q, want the same token", got)
	}
	deadline := time.Now().Add(10 * time.Second)
	for login() == "tok-1" {
		if time.Now().After(deadline) {
			t.Fatal("the token was not renewed")
		}
		time.Sleep(100 * time.Millisecond)
	}
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if len(ts.issued) != 2 {
		t.Fatalf("token endpoint asked %d times, want 2", len(ts.issued))
	}
	if ahead := ts.issued[0].Add(lifetime).Sub(ts.issued[1]); ahead < 5*time.Second {
		t.Errorf("renewed only %s before the first token expired", ahead)
	}
	if ts.scopes[0] != "kafka read" {
		t.Errorf("scope sent %q", ts.scopes[0])
	}
}

func TestOAuthLoginErrors(t *testing.T) {
	ts := newTokenServer(t, time.Minute, "cli", "s3cret")
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("\n"), 0o600)
	for _, tc := range []struct {
		o    OAuth
		want string
	}{
		{OAuth{}, "OAUTHBEARER needs a token: set KAFKA_OAUTH_TOKEN or KAFKA_OAUTH_TOKEN_FILE"},
		{OAuth{TokenFile: filepath.Join(dir, "missing")}, "cannot read the OAUTHBEARER token file " + filepath.Join(dir, "missing") + ": no such file or directory"},
		{OAuth{TokenFile: empty}, "is empty"},
		{OAuth{TokenURL: ts.URL, ClientID: "cli"}, "needs a client secret (KAFKA_OAUTH_CLIENT_SECRET"},
		{OAuth{TokenURL: ts.URL, Secret: "x"}, "needs a client id (KAFKA_OAUTH_CLIENT_ID"},
		{OAuth{TokenURL: ts.URL, ClientID: "cli", Secret: "wrong-secret"}, "refused the client credentials: 401 Unauthorized (invalid_client)"},
	} {
		_, err := OAuthMechanism(tc.o, 5*time.Second)
		le, ok := IsLoginError(err)
		if !ok {
			t.Errorf("%+v: %v, want a LoginError", tc.o, err)
			continue
		}
		if !strings.Contains(le.Msg, tc.want) || strings.Contains(le.Msg, "\n") || strings.Contains(le.Msg, "wrong-secret") {
			t.Errorf("%+v: %q, want one line with %q and no secret", tc.o, le.Msg, tc.want)
		}
	}
}

// A token file is read at each login, so a rotated token is used.
func TestTokenFileIsReadAtEachLogin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token")
	os.WriteFile(path, []byte("first\n"), 0o600)
	m, err := OAuthMechanism(OAuth{TokenFile: path}, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte("second"), 0o600)
	_, msg, err := m.Authenticate(context.Background(), "127.0.0.1:9092")
	if err != nil {
		t.Fatal(err)
	}
	if got := bearer(t, msg); got != "second" {
		t.Fatalf("login sent %q, want the rotated token", got)
	}
}

// A broker's refusal (RFC 7628's JSON error) is a LoginError naming its
// status.
func TestOAuthRefusalIsExplained(t *testing.T) {
	m, err := OAuthMechanism(OAuth{Token: "tok"}, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := m.Authenticate(context.Background(), "127.0.0.1:9092")
	if err != nil {
		t.Fatal(err)
	}
	if done, _, err := s.Challenge(nil); !done || err != nil {
		t.Fatalf("an empty answer (success): %v %v", done, err)
	}
	_, _, err = s.Challenge([]byte(`{"status":"invalid_token"}`))
	if le, ok := IsLoginError(err); !ok || !strings.Contains(le.Msg, "refused the OAUTHBEARER token (invalid_token)") {
		t.Fatalf("refusal: %v", err)
	}
}
