package saslauth

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/twmb/franz-go/pkg/sasl"
	saslaws "github.com/twmb/franz-go/pkg/sasl/aws"
)

// AWSMechanism returns the AWS_MSK_IAM mechanism. Credentials come from
// the AWS SDK's default chain (environment, shared config and credentials
// files with profile or AWS_PROFILE, SSO, web identity, the container or
// instance role). They are retrieved at once, within ctx, so that missing
// ones are reported before any connection; the SDK caches them and
// renews them before they expire at later logins.
func AWSMechanism(ctx context.Context, profile string) (sasl.Mechanism, error) {
	var opts []func(*config.LoadOptions) error
	if profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	var noProfile config.SharedConfigProfileNotExistError
	switch {
	case errors.As(err, &noProfile):
		return nil, &LoginError{Msg: fmt.Sprintf("AWS_MSK_IAM: AWS profile %q is in neither the shared config nor the credentials file", noProfile.Profile)}
	case err != nil:
		return nil, &LoginError{Msg: "cannot load the AWS configuration for AWS_MSK_IAM: " + firstLine(err.Error())}
	}
	get := func(ctx context.Context) (saslaws.Auth, error) {
		c, err := cfg.Credentials.Retrieve(ctx)
		if err != nil {
			where := "the environment (AWS_ACCESS_KEY_ID), the shared config and credentials files, or an instance or container role"
			if profile != "" {
				where = fmt.Sprintf("profile %q of the shared config and credentials files", profile)
			}
			return saslaws.Auth{}, &LoginError{Msg: "AWS_MSK_IAM found no AWS credentials in " + where + "; set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"}
		}
		return saslaws.Auth{AccessKey: c.AccessKeyID, SecretKey: c.SecretAccessKey, SessionToken: c.SessionToken, UserAgent: "kafka-cli"}, nil
	}
	if _, err := get(ctx); err != nil {
		return nil, err
	}
	return saslaws.ManagedStreamingIAM(get), nil
}

func firstLine(s string) string {
	for i := range len(s) {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}
