package cmd

// The reset plan as the user sees it: one row per partition, then what
// --execute did or would do.

import (
	"fmt"
	"io"
	"strconv"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
)

func printResetPlan(opts *groupsResetOptions, cfg *kafka.Config, plans []topicPlan) error {
	views := []resetView{}
	failed, changed := 0, 0
	out, cs := opts.IO.Out, opts.IO.ColorScheme()
	what := "--all-topics"
	if !opts.AllTopics {
		what = "--topic " + opts.Topic
	}
	if len(plans) == 0 && !opts.JSON {
		fmt.Fprintf(out, "Group %s has committed offsets for no topic: nothing to reset.\n", opts.Group)
		return nil
	}
	for _, p := range plans {
		topic := cfg.WithoutPrefix(p.topic)
		rows := make([][]string, 0, len(p.moves))
		for _, m := range p.moves {
			v := resetView{
				Topic: topic, Partition: m.Partition,
				Current: m.Current, New: m.New, Clamped: m.Clamped, Skipped: m.Skipped,
			}
			if err, ok := p.executed[m.Partition]; ok {
				if err != nil {
					failed++
					v.Skipped = "commit failed: " + err.Error()
				} else {
					v.Executed = true
					changed++
				}
			}
			views = append(views, v)
			rows = append(rows, []string{strconv.Itoa(int(v.Partition)), optInt(v.Current), optInt(v.New), resetNote(cs, v)})
		}
		if opts.JSON {
			continue
		}
		title := fmt.Sprintf("Reset plan for group %s on topic %s (to %s)", opts.Group, topic, opts.To)
		if opts.Execute {
			title = fmt.Sprintf("Reset group %s on topic %s (to %s)", opts.Group, topic, opts.To)
		}
		fmt.Fprintln(out, cs.Bold("=== "+title))
		warnNeverRead(out, cs, opts, topic, p.moves)
		if err := output.Table(out, cs, []string{"Partition", "Current", "New", "Note"}, rows); err != nil {
			return err
		}
	}
	if opts.JSON {
		if err := output.JSON(out, views); err != nil {
			return err
		}
		for _, p := range plans {
			warnNeverRead(opts.IO.ErrOut, cs, opts, cfg.WithoutPrefix(p.topic), p.moves)
		}
	}
	notice := out
	if opts.JSON {
		notice = opts.IO.ErrOut
	}
	skipped := 0
	for _, v := range views {
		if v.Skipped != "" {
			skipped++
		}
	}
	if !opts.Execute && skipped == len(views) {
		fmt.Fprintf(notice, "Nothing was changed (dry run), and there is nothing to apply: every partition is skipped.\n")
		return nil
	}
	if !opts.Execute {
		fmt.Fprintf(notice, "Nothing was changed (dry run). To apply this plan, run:\n  kafka consumer-groups reset %s %s --to %s%s --execute\n",
			opts.Group, what, opts.To, partitionFlag(opts.Partitions))
		return nil
	}
	topicWord := "topic " + opts.Topic
	if opts.AllTopics {
		topicWord = countNoun(len(plans), "topic")
	}
	fmt.Fprintf(notice, "Committed new offsets for %s of %s in group %s.\n", countNoun(changed, "partition"), topicWord, opts.Group)
	if failed > 0 {
		return clierr.Failuref("%s could not be reset", countNoun(failed, "partition"))
	}
	return nil
}

func resetNote(cs *iostreams.ColorScheme, v resetView) string {
	switch {
	case v.Skipped != "":
		return cs.Yellow(v.Skipped)
	case v.Clamped == "start":
		return cs.Yellow("clamped to the start offset")
	case v.Clamped == "end":
		return cs.Yellow("clamped to the end offset")
	}
	return ""
}

func partitionFlag(p string) string {
	if p == "" {
		return ""
	}
	return " --partition " + p
}

// warnNeverRead says when the group has no commit on any partition of the
// topic: the reset then gives it offsets on a topic it never read, so its
// consumers start there instead of at their auto.offset.reset position,
// which is rarely what a misspelt --topic meant.
func warnNeverRead(w io.Writer, cs *iostreams.ColorScheme, opts *groupsResetOptions, topic string, moves []groups.Move) {
	for _, m := range moves {
		if m.Current != nil {
			return
		}
	}
	if len(moves) == 0 {
		return
	}
	done := "this plan gives it offsets there"
	if opts.Execute {
		done = "it has offsets there now"
	}
	fmt.Fprintln(w, cs.Yellow(fmt.Sprintf("Warning: group %s has never committed offsets on topic %s; %s, and its consumers of %s will start from them.",
		opts.Group, topic, done, topic)))
}
