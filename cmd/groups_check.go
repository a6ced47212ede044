package cmd

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/health"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/units"
)

// groupCheckView is one group's --check verdict.
type groupCheckView struct {
	Group    string        `json:"group" doc:"group name, without KAFKA_PREFIX"`
	Status   health.Status `json:"status" doc:"the group's status, as with GROUP"`
	Lag      int64         `json:"lag" doc:"total known lag in messages"`
	LagSecs  *float64      `json:"lag_seconds" doc:"age in seconds of the oldest record the group has not read; null when none lags"`
	Problems []string      `json:"problems" doc:"why the check fails for this group; empty when it passes"`
}

// runGroupsCheck checks each of opts.Groups in turn and fails (exit 6)
// when any is lost, stopped or stalled, or over --max-lag or
// --max-lag-seconds.
func runGroupsCheck(ctx context.Context, opts *groupsOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	views := make([]groupCheckView, 0, len(opts.Groups))
	failed := 0
	for _, g := range opts.Groups {
		d, err := newGroupObserver(cl, opts.SampleInterval).observe(ctx, cl.Config.WithPrefix(g))
		if errors.Is(err, groups.ErrNotFound) {
			ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
			defer cancel()
			return groupNotFound(ctx, cl, cl.Config.WithPrefix(g))
		}
		if err != nil {
			return err
		}
		v := groupCheckView{Group: d.Group, Status: d.Status, Lag: d.Lag, LagSecs: d.LagSeconds, Problems: checkProblems(d, opts.MaxLag, opts.MaxLagAge)}
		if len(v.Problems) > 0 {
			failed++
		}
		views = append(views, v)
	}
	if opts.JSON {
		if err := output.JSON(opts.IO.Out, views); err != nil {
			return err
		}
	} else {
		cs := opts.IO.ColorScheme()
		for _, v := range views {
			verdict := cs.Green("ok")
			if len(v.Problems) > 0 {
				verdict = cs.Red("FAIL") + ": " + strings.Join(v.Problems, "; ")
			}
			age := ""
			if v.LagSecs != nil {
				age = " (oldest unread: " + units.FormatDuration(seconds(*v.LagSecs)) + " old)"
			}
			fmt.Fprintf(opts.IO.Out, "%s: %s, lag %s messages%s: %s\n", v.Group, colorStatus(cs, v.Status), units.FormatInt(v.Lag), age, verdict)
		}
	}
	if failed > 0 {
		return clierr.Checkf("%d of %d groups failed the check", failed, len(views))
	}
	return nil
}

func checkProblems(d groupDetailView, maxLag int64, maxAge time.Duration) []string {
	problems := []string{}
	if d.Status.Problem() {
		problems = append(problems, "status "+string(d.Status))
	}
	if maxLag >= 0 && d.Lag > maxLag {
		problems = append(problems, fmt.Sprintf("lag %s over --max-lag %s", units.FormatInt(d.Lag), units.FormatInt(maxLag)))
	}
	if maxAge > 0 && d.LagSeconds != nil && seconds(*d.LagSeconds) > maxAge {
		problems = append(problems, fmt.Sprintf("oldest unread %s old, over --max-lag-seconds %s", units.FormatDuration(seconds(*d.LagSeconds)), units.FormatDuration(maxAge)))
	}
	return problems
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// secondsFlag is a duration given in seconds ("90", "2.5") or with a unit
// ("5m").
type secondsFlag time.Duration

func (f *secondsFlag) String() string {
	if *f == 0 {
		return ""
	}
	return time.Duration(*f).String()
}

func (f *secondsFlag) Set(s string) error {
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		*f = secondsFlag(seconds(n))
		return nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("%q is neither seconds nor a duration such as 5m", s)
	}
	*f = secondsFlag(d)
	return nil
}

func (f *secondsFlag) Type() string { return "D" }
