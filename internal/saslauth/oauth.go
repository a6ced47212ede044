package saslauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/sasl"
	"github.com/twmb/franz-go/pkg/sasl/oauth"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// OAuth is how to get an OAUTHBEARER token: Token or TokenFile (read at
// each login, so a file rotated by another tool is picked up), or the
// client-credentials flow against TokenURL.
type OAuth struct {
	Token     string // secret
	TokenFile string
	TokenURL  string
	ClientID  string
	Secret    string // the client secret
	Scope     string // space-separated scopes
}

// Configured reports whether any way to get a token is set.
func (o OAuth) Configured() bool {
	return o.Token != "" || o.TokenFile != "" || o.TokenURL != ""
}

// Where the settings may come from, for messages.
const oauthSources = "set KAFKA_OAUTH_TOKEN or KAFKA_OAUTH_TOKEN_FILE, or KAFKA_OAUTH_TOKEN_URL with KAFKA_OAUTH_CLIENT_ID and KAFKA_OAUTH_CLIENT_SECRET (or token_file, token_url, client_id and client_secret in the config file's sasl block)"

// OAuthMechanism returns the OAUTHBEARER mechanism for o. It gets a
// token at once, so that a missing or refused one is reported before any
// connection; timeout bounds each token request.
func OAuthMechanism(o OAuth, timeout time.Duration) (sasl.Mechanism, error) {
	var get func() (oauth.Auth, error)
	switch {
	case o.Token != "":
		tok := strings.TrimSpace(o.Token)
		get = func() (oauth.Auth, error) { return oauth.Auth{Token: tok}, nil }
	case o.TokenFile != "":
		get = func() (oauth.Auth, error) { return readTokenFile(o.TokenFile) }
	case o.TokenURL != "":
		var err error
		if get, err = clientCredentials(o, timeout); err != nil {
			return nil, err
		}
	default:
		return nil, &LoginError{Msg: "OAUTHBEARER needs a token: " + oauthSources}
	}
	if _, err := get(); err != nil {
		return nil, err
	}
	return explained{oauth.Oauth(func(context.Context) (oauth.Auth, error) { return get() })}, nil
}

func readTokenFile(path string) (oauth.Auth, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return oauth.Auth{}, &LoginError{Msg: fmt.Sprintf("cannot read the OAUTHBEARER token file %s: %s", path, err)}
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" {
		return oauth.Auth{}, &LoginError{Msg: fmt.Sprintf("the OAUTHBEARER token file %s is empty", path)}
	}
	return oauth.Auth{Token: tok}, nil
}

// clientCredentials gets tokens from the token URL. oauth2 reuses a token
// until shortly before it expires and then fetches a new one, so each
// login (and franz-go's re-authentication before the broker's session
// ends) gets a token that is still valid.
func clientCredentials(o OAuth, timeout time.Duration) (func() (oauth.Auth, error), error) {
	var missing []string
	if o.ClientID == "" {
		missing = append(missing, "a client id (KAFKA_OAUTH_CLIENT_ID or client_id)")
	}
	if o.Secret == "" {
		missing = append(missing, "a client secret (KAFKA_OAUTH_CLIENT_SECRET or client_secret)")
	}
	if len(missing) > 0 {
		return nil, &LoginError{Msg: "OAUTHBEARER with a token URL needs " + strings.Join(missing, " and ")}
	}
	cc := clientcredentials.Config{ClientID: o.ClientID, ClientSecret: o.Secret, TokenURL: o.TokenURL, Scopes: strings.Fields(o.Scope)}
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, &http.Client{Timeout: timeout})
	src := cc.TokenSource(ctx)
	return func() (oauth.Auth, error) {
		t, err := src.Token()
		if err != nil {
			return oauth.Auth{}, tokenURLError(o.TokenURL, err)
		}
		return oauth.Auth{Token: t.AccessToken}, nil
	}, nil
}

// tokenURLError says why the token URL gave no token, in one line: the
// status and the OAuth error code, never the response body, which may
// echo what was sent.
func tokenURLError(url string, err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		why := re.Response.Status
		if re.ErrorCode != "" {
			why += " (" + re.ErrorCode + ")"
		}
		return &LoginError{Msg: fmt.Sprintf("the OAUTHBEARER token URL %s refused the client credentials: %s", url, why)}
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return &LoginError{Msg: fmt.Sprintf("cannot get an OAUTHBEARER token from %s: %s", url, strings.TrimPrefix(msg, "oauth2: "))}
}

// explained is an OAUTHBEARER mechanism whose sessions say why a broker
// refused the token: franz-go's report only that the broker answered.
type explained struct{ sasl.Mechanism }

func (m explained) Authenticate(ctx context.Context, host string) (sasl.Session, []byte, error) {
	s, first, err := m.Mechanism.Authenticate(ctx, host)
	if err != nil {
		return nil, nil, err
	}
	return explainedSession{s}, first, nil
}

type explainedSession struct{ sasl.Session }

// Challenge reads a refusal: RFC 7628 §3.2.2's JSON error, such as
// {"status":"invalid_token"}, which Kafka sends for a bad or expired token.
func (s explainedSession) Challenge(resp []byte) (bool, []byte, error) {
	if len(resp) == 0 {
		return s.Session.Challenge(resp)
	}
	var refusal struct {
		Status string `json:"status"`
	}
	why := "it answered with an error"
	if json.Unmarshal(resp, &refusal) == nil && refusal.Status != "" {
		why = refusal.Status
	}
	return false, nil, &LoginError{Msg: "SASL authentication failed: the broker refused the OAUTHBEARER token (" + why + "); check that it is valid and not expired"}
}
