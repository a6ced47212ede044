// Package saslauth builds the SASL logins that take more than a user and a
// password: OAUTHBEARER (a static token, or the OAuth client-credentials
// flow) and AWS_MSK_IAM (credentials from the AWS SDK's default chain).
//
// Its errors name what is missing or refused and never carry a secret; a
// LoginError means the login itself failed (exit 4).
//
// It imports nothing of this module; internal/kafka uses it.
package saslauth

import "errors"

// LoginError is a login that cannot be made: a missing or unreadable
// token, refused client credentials, no AWS credentials. Its text is one
// line without secrets.
type LoginError struct{ Msg string }

func (e *LoginError) Error() string { return e.Msg }

// IsLoginError reports whether err is, or wraps, a LoginError.
func IsLoginError(err error) (*LoginError, bool) {
	var le *LoginError
	ok := errors.As(err, &le)
	return le, ok
}
