package topics

import (
	"context"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// describeConfigKeys describes only the given config keys of the topics,
// with the results and errors kadm's DescribeTopicConfigs would give for
// them (less the synonyms).
func describeConfigKeys(ctx context.Context, cl *kgo.Client, names, keys []string, optional bool) (kadm.ResourceConfigs, error) {
	req := kmsg.NewPtrDescribeConfigsRequest()
	for _, name := range names {
		rr := kmsg.NewDescribeConfigsRequestResource()
		rr.ResourceType = kmsg.ConfigResourceTypeTopic
		rr.ResourceName = name
		rr.ConfigNames = keys
		req.Resources = append(req.Resources, rr)
	}
	resp, err := req.RequestWith(ctx, cl)
	if err != nil {
		return nil, err
	}
	rcs := make(kadm.ResourceConfigs, 0, len(resp.Resources))
	for _, r := range resp.Resources {
		switch err := kerr.ErrorForCode(r.ErrorCode); err {
		case kerr.TopicAuthorizationFailed:
			if !optional {
				return nil, &kadm.AuthError{Err: err}
			}
		case kerr.ClusterAuthorizationFailed:
			return nil, &kadm.AuthError{Err: err}
		}
		rc := kadm.ResourceConfig{Name: r.ResourceName, Err: kerr.ErrorForCode(r.ErrorCode)}
		if r.ErrorMessage != nil {
			rc.ErrMessage = *r.ErrorMessage
		}
		for _, c := range r.Configs {
			rc.Configs = append(rc.Configs, kadm.Config{Key: c.Name, Value: c.Value, Sensitive: c.IsSensitive, Source: c.Source})
		}
		rcs = append(rcs, rc)
	}
	return rcs, nil
}
