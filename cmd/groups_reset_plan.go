package cmd

// The reset plan as the user sees it: one row per partition, then what
// --execute did or would do.

import (
	"fmt"
	"strconv"

	"github.com/kafka-cli/kafka/internal/clierr"
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
		if err := output.Table(out, cs, []string{"Partition", "Current", "New", "Note"}, rows); err != nil {
			return err
		}
	}
	if opts.JSON {
		if err := output.JSON(out, views); err != nil {
			return err
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
