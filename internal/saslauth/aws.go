package saslauth

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

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

// awsSuffixes are the DNS suffixes franz-go's sasl/aws reads a region
// before: b-1.NAME.ID.c2.kafka.REGION.amazonaws.com.
var awsSuffixes = []string{".amazonaws.com", ".amazonaws.com.cn", ".c2s.ic.gov", ".sc2s.sgov.gov"}

// CheckAWSRegion reports, before any connection, a broker address whose
// host names no AWS region when the environment names none either: the
// AWS_MSK_IAM signature needs one, and franz-go takes it from the host or
// else from AWS_REGION or AWS_DEFAULT_REGION (not from the shared config),
// so such a login could only fail at the handshake. getenv is os.Getenv
// outside tests.
func CheckAWSRegion(brokers []string, getenv func(string) string) error {
	if getenv("AWS_REGION") != "" || getenv("AWS_DEFAULT_REGION") != "" {
		return nil
	}
	for _, b := range brokers {
		host, _, err := net.SplitHostPort(b)
		if err != nil {
			host = b
		}
		if !hostNamesRegion(host) {
			return fmt.Errorf("AWS_MSK_IAM cannot tell the AWS region from %s, which is not an AWS endpoint: set AWS_REGION (or AWS_DEFAULT_REGION)", host)
		}
	}
	return nil
}

func hostNamesRegion(host string) bool {
	for _, suffix := range awsSuffixes {
		if rest, ok := strings.CutSuffix(host, suffix); ok {
			return strings.Contains(rest, ".")
		}
	}
	return false
}

func firstLine(s string) string {
	for i := range len(s) {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}
