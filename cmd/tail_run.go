package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/tail"
	"github.com/kafka-cli/kafka/internal/topics"
	"github.com/kafka-cli/kafka/internal/units"
)

// tailDiscoverEvery is how often a following tail asks for its topics'
// partitions, to read the ones added meanwhile: one metadata request,
// about the cost of one fetch.
const tailDiscoverEvery = 5 * time.Second

func tailClientOpts(w *tail.Warner, iso tail.Isolation) []kgo.Opt {
	return append(tail.ConsumerOpts(), kgo.WithHooks(w), iso.Opt())
}

func runTail(ctx context.Context, opts *tailOptions) error {
	warner := tail.NewWarner(opts.IO.ErrOut)
	cl, err := opts.Client(warner)
	if err != nil {
		return err
	}
	ranges, err := tailRanges(ctx, cl, opts)
	if err != nil {
		if ctx.Err() != nil {
			return nil // Ctrl-C while starting: nothing shown, nothing wrong
		}
		return err
	}

	var format tail.Formatter = &tail.Line{Names: opts.names, MaxLength: opts.MaxLength, Long: opts.Long}
	switch {
	case opts.JSON:
		format = &tail.JSON{Names: opts.names}
	case opts.custom != nil:
		format = opts.custom
	}
	var filter *tail.Filter
	if opts.filter.Active() {
		filter = opts.filter
	}
	decode, err := tailDecoder(opts.Factory, opts.Decode)
	if err != nil {
		return err
	}
	run := tail.Options{
		Decoder: decode,
		Out:     opts.IO.Out,
		Format:  format,
		Filter:  filter,
		Follow:  !opts.NoFollow,
		Count:   opts.Count,
		Num:     opts.Num,
		Warn:    warner.Warn,
		Resumed: warner.Resumed,
		// checkDeleted's ListOffsets obeys --timeout like every request.
		Timeout: cl.Timeout,
	}
	if opts.partitions == nil {
		run.Discover = tailDiscoverEvery
	}
	if f, ok := opts.IO.Out.(*os.File); ok {
		run.Closed = tail.PipeClosed(f)
	}
	if opts.Factory.Process {
		tail.LimitMemory(opts.Factory.Getenv)
	}

	reader := cl.Client
	var group *tailGroup
	if opts.Group != "" {
		if group, err = joinTailGroup(ctx, opts, cl, warner, ranges); err != nil {
			return err
		}
		reader, run.Grouped, run.Shown = group.cl.Client, true, group.mark
	}
	warner.Arm()
	stats, err := tail.Run(ctx, reader, ranges, run)
	warner.Disarm()
	if group != nil {
		if cerr := group.finish(ctx, opts.Group); err == nil && !stats.ClosedPipe {
			err = cerr
		}
	}
	if stats.ClosedPipe {
		return nil // the reader has gone: not a failure, and nothing to say
	}
	if err != nil {
		if topics.Unknown(err) {
			return clierr.NotFoundf("a topic was deleted while tail was reading it").Wrap(err)
		}
		return err
	}
	errOut := opts.IO.ErrOut
	if filter != nil && filter.NonJSON > 0 {
		fmt.Fprintf(errOut, "%s records skipped by --where: value is not JSON\n", units.FormatInt(filter.NonJSON))
	}
	if stats.Interrupted && opts.IO.IsStderrTTY() {
		fmt.Fprintf(errOut, "%s records shown\n", units.FormatInt(stats.Shown))
	}
	return nil
}

// tailRanges checks the topics and partitions exist and resolves where to
// start, within --timeout.
func tailRanges(ctx context.Context, cl *kafka.Client, opts *tailOptions) ([]tail.Range, error) {
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	defer cancel()
	var full []string
	for _, t := range opts.Topics {
		if n := cl.Config.WithPrefix(t); !slices.Contains(full, n) {
			full = append(full, n)
		}
	}
	details, err := topics.Metadata(ctx, cl.Admin, full...)
	if err != nil {
		return nil, err
	}
	parts := map[string][]int32{}
	for _, t := range full {
		td, err := topics.Find(details, t)
		if errors.Is(err, topics.ErrNotFound) {
			return nil, topicNotFound(ctx, cl, t)
		}
		if err != nil {
			return nil, err
		}
		have := td.Partitions.Numbers()
		slices.Sort(have)
		if opts.partitions == nil {
			parts[t] = have
			continue
		}
		for _, p := range opts.partitions {
			if !slices.Contains(have, p) {
				return nil, kafka.MissingPartition(cl.Config.WithoutPrefix(t), p, len(have))
			}
		}
		parts[t] = opts.partitions
	}
	offline := tail.SplitOffline(parts, details)
	var ranges []tail.Range
	if len(parts) > 0 {
		if ranges, err = tail.Plan(ctx, cl.Admin, parts, opts.from, opts.Num, opts.isolation); err != nil {
			return nil, err
		}
	}
	ranges = tail.TakeOffline(ranges, offline)
	follow := !opts.NoFollow && opts.Num == 0
	warnOffline(opts, cl.Config, offline, follow)
	if follow {
		ranges = append(ranges, tail.OfflineRanges(offline, opts.from)...)
	}
	return ranges, nil
}

// warnOffline says, once, which partitions have no leader: a following
// tail reads them once they are back, otherwise they are left out.
func warnOffline(opts *tailOptions, cfg *kafka.Config, offline map[string][]int32, follow bool) {
	var names []string
	for t, ps := range offline {
		for _, p := range ps {
			names = append(names, fmt.Sprintf("%s/%d", cfg.WithoutPrefix(t), p))
		}
	}
	if len(names) == 0 {
		return
	}
	slices.Sort(names)
	then := "not read"
	if follow {
		then = "read once back"
	}
	fmt.Fprintf(opts.IO.ErrOut, "Warning: %s offline (no leader): %s; tail reads the others, these are %s\n",
		countNoun(len(names), "partition"), strings.Join(names, ", "), then)
}
