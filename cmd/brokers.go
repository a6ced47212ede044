package cmd

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clusterops"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/units"
)

type brokersOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*kafka.Client, error)

	JSON bool
}

// brokerLoadView is one row of `kafka brokers`.
type brokerLoadView struct {
	ID                        int32   `json:"id" doc:"broker ID"`
	Host                      string  `json:"host" doc:"advertised host; empty for a broker that is down"`
	Port                      int32   `json:"port" doc:"advertised port; 0 for a broker that is down"`
	Rack                      *string `json:"rack" doc:"rack; null when unset"`
	Up                        bool    `json:"up" doc:"false for a broker that partitions name as a replica but the cluster does not list (down or removed)"`
	Controller                bool    `json:"controller" doc:"whether metadata names this broker as the controller; on KRaft clusters brokers name a live broker there, not the active quorum controller"`
	LeaderPartitions          int     `json:"leader_partitions" doc:"partitions this broker leads, internal topics included"`
	Replicas                  int     `json:"replicas" doc:"partition replicas this broker holds, internal topics included"`
	LogDirSizeBytes           *int64  `json:"log_dir_size_bytes" doc:"size of this broker's log dirs in bytes; null when it did not answer"`
	UnderReplicatedPartitions int     `json:"under_replicated_partitions" doc:"partitions this broker leads with a replica out of sync"`
	OfflinePartitions         int     `json:"offline_partitions" doc:"partitions with a replica on this broker and no leader"`
}

func newBrokersCmd(f *Factory, runF func(*brokersOptions) error) *cobra.Command {
	opts := &brokersOptions{IO: f.IO, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:   "brokers",
		Short: "List the brokers with the partitions and data each carries",
		Long: "List the brokers, one row each: ID, address, rack, whether it is the\n" +
			"controller, the partitions it leads, the replicas it holds, the size of its\n" +
			"log dirs, and its under-replicated and offline partition counts.\n\n" +
			"A broker that partitions name as a replica but the cluster does not list\n" +
			"is shown as down. On KRaft clusters the controller column is the broker\n" +
			"that metadata names, since clients cannot reach the controller quorum.\n\n" +
			"JSON output (--json): " + output.JSONDoc([]brokerLoadView{}),
		Example: "  kafka brokers\n  kafka brokers --json | jq '.[] | select(.controller)'",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runBrokers(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func runBrokers(ctx context.Context, opts *brokersOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	defer cancel()
	loads, err := clusterops.Brokers(ctx, cl.Admin)
	if err != nil {
		return err
	}
	views := make([]brokerLoadView, 0, len(loads))
	for _, b := range loads {
		views = append(views, brokerLoadView{ID: b.ID, Host: b.Host, Port: b.Port, Rack: b.Rack, Up: b.Up, Controller: b.Controller,
			LeaderPartitions: b.Leader, Replicas: b.Replicas, LogDirSizeBytes: b.LogDirBytes,
			UnderReplicatedPartitions: b.UnderReplicated, OfflinePartitions: b.Offline})
	}
	if opts.JSON {
		return output.JSON(opts.IO.Out, views)
	}
	cs := opts.IO.ColorScheme()
	out := opts.IO.Out
	output.Section(out, cs, "Brokers on "+cl.Config.Describe(), nil)
	rows := make([][]string, 0, len(views))
	for _, v := range views {
		addr, rack, ctl, size := v.Host+":"+strconv.Itoa(int(v.Port)), "", "", "unknown"
		if !v.Up {
			addr = cs.Red("down")
		}
		if v.Rack != nil {
			rack = *v.Rack
		}
		if v.Controller {
			ctl = cs.Green("yes")
		}
		if v.LogDirSizeBytes != nil {
			size = units.FormatBytes(*v.LogDirSizeBytes)
		}
		under, offline := units.FormatInt(int64(v.UnderReplicatedPartitions)), units.FormatInt(int64(v.OfflinePartitions))
		if v.UnderReplicatedPartitions > 0 {
			under = cs.Yellow(under)
		}
		if v.OfflinePartitions > 0 {
			offline = cs.Red(offline)
		}
		rows = append(rows, []string{strconv.Itoa(int(v.ID)), addr, rack, ctl, units.FormatInt(int64(v.LeaderPartitions)),
			units.FormatInt(int64(v.Replicas)), size, under, offline})
	}
	return output.Table(out, cs, []string{"ID", "Address", "Rack", "Controller", "Leader", "Replicas", "Size", "Under-replicated", "Offline"}, rows)
}
