package cmd

import (
	"github.com/kafka-cli/kafka/internal/cluster"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/throughput"
)

// infoView is what `kafka info` shows.
type infoView struct {
	ClusterID                 string       `json:"cluster_id" doc:"cluster ID; empty when the cluster has none"`
	Controller                *int32       `json:"controller" doc:"broker ID of the controller; null when unknown"`
	Brokers                   []brokerView `json:"brokers" doc:"the brokers, by ID"`
	Version                   *string      `json:"version" doc:"Kafka version guessed from ApiVersions; null when it cannot be told"`
	Status                    string       `json:"status" doc:"available, degraded (under-replicated or offline partitions) or unavailable"`
	Topics                    int          `json:"topics" doc:"topics, internal topics excluded"`
	Partitions                int          `json:"partitions" doc:"partitions of those topics"`
	Replicas                  int          `json:"replicas" doc:"partition replicas of those topics (partitions × replication factor)"`
	UnderReplicatedPartitions int          `json:"under_replicated_partitions" doc:"partitions, internal ones included, with a replica out of sync"`
	OfflinePartitions         int          `json:"offline_partitions" doc:"partitions, internal ones included, with no leader"`
	ConsumerGroups            int          `json:"consumer_groups" doc:"consumer groups"`
	ConsumerGroupMembers      int          `json:"consumer_group_members" doc:"members of those groups (connected consumers)"`
	MessagesPerSec            float64      `json:"messages_per_sec" doc:"messages produced per second: end offsets over about a second, or since the previous --watch sample"`
	BytesInPerSec             float64      `json:"bytes_in_per_sec" doc:"estimated bytes produced per second: messages/s × average stored record size"`
	ConsumedMessagesPerSec    float64      `json:"consumed_messages_per_sec" doc:"messages consumed per second by all consumer groups, from how fast their committed offsets advance"`
	BytesOutPerSec            float64      `json:"bytes_out_per_sec" doc:"estimated bytes consumed per second: consumed messages/s × average stored record size"`
	SizeBytes                 int64        `json:"size_bytes" doc:"data size on the partition leaders, in bytes"`
	Prefix                    *string      `json:"prefix" doc:"KAFKA_PREFIX; null when none"`
}

type brokerView struct {
	ID   int32   `json:"id" doc:"broker ID"`
	Host string  `json:"host" doc:"advertised host"`
	Port int32   `json:"port" doc:"advertised port"`
	Rack *string `json:"rack" doc:"rack; null when unset"`
}

// Status words, also the JSON values (cluster.Health decides them).
const (
	statusAvailable   = string(cluster.Available)
	statusDegraded    = string(cluster.Degraded)
	statusUnavailable = string(cluster.Unavailable)
)

func newInfoView(cfg *kafka.Config, ov cluster.Overview) infoView {
	v := infoView{ClusterID: ov.ClusterID, Controller: ov.Controller, Brokers: []brokerView{}}
	for _, b := range ov.Brokers.Brokers {
		v.Brokers = append(v.Brokers, brokerView{ID: b.ID, Host: b.Host, Port: b.Port, Rack: b.Rack})
	}
	if ov.Version != "" {
		s := ov.Version
		v.Version = &s
	}
	if cfg.Prefix != "" {
		p := cfg.Prefix
		v.Prefix = &p
	}
	var health cluster.PartitionHealth
	for _, s := range ov.Topics {
		if !cfg.HasPrefix(s.Name) {
			continue // another tenant's topic on a multi-tenant plan
		}
		for _, p := range s.Partitions {
			health.Add(p)
		}
		if s.Internal {
			continue
		}
		v.Topics++
		v.Partitions += len(s.Partitions)
		for _, p := range s.Partitions {
			v.Replicas += len(p.Replicas)
		}
		v.SizeBytes += s.SizeBytes
		rate := ov.Produce.Topic(s.Name)
		v.MessagesPerSec += rate
		v.BytesInPerSec += rate * ov.RecordSizes[s.Name]
	}
	consume := map[string]throughput.Rates{}
	for _, g := range ov.Groups {
		if !cfg.HasPrefix(g.Name) {
			continue
		}
		v.ConsumerGroups++
		v.ConsumerGroupMembers += g.Members
		if r, ok := ov.Consume[g.Name]; ok {
			consume[g.Name] = r
		}
	}
	for _, r := range consume {
		v.ConsumedMessagesPerSec += r.Total()
	}
	v.BytesOutPerSec = throughput.ConsumeBytes(consume, ov.RecordSizes)
	for _, f := range []*float64{&v.MessagesPerSec, &v.BytesInPerSec, &v.ConsumedMessagesPerSec, &v.BytesOutPerSec} {
		*f = round1(*f)
	}
	v.OfflinePartitions, v.UnderReplicatedPartitions = health.Offline, health.UnderReplicated
	v.Status = string(cluster.HealthOf(len(v.Brokers), health))
	return v
}

// unavailableView is what --watch shows while the cluster does not answer.
func unavailableView(cfg *kafka.Config) infoView {
	v := infoView{Brokers: []brokerView{}, Status: statusUnavailable}
	if cfg.Prefix != "" {
		p := cfg.Prefix
		v.Prefix = &p
	}
	return v
}
