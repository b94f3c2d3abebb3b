package server

import (
	"fmt"
	"strconv"
	"time"

	"github.com/dateline-news/dateline/internal/article"
)

// chart is a bar chart of a series over time, drawn by the template as
// inline SVG: it needs no script, no library and no network, and a
// screen reader gets its title, its description and a table of the same
// numbers.
type chart struct {
	Title, Desc   string
	Width, Height int
	Unit          string // day, week, month or year: what one bar counts
	Bars          []bar
	YTicks        []tick
	XTicks        []tick
	Left, Right   int // the plot's edges, for the grid lines
	Total         int
	Mentions      int // an entity's mentions; 0 when not counted
}

type bar struct {
	X, Y, W, H string
	Label      string // the bucket: 2020-03-05, week of 2020-03-02, 2020-03, 2020
	Count      int    // articles
	Mentions   int    // an entity's mentions; 0 when not counted
	URL        string // the articles behind the bar
}

type tick struct {
	X, Y  string
	Label string
}

// The chart's frame, in SVG user units.
const (
	chartW, chartH                       = 720, 240
	padLeft, padRight, padTop, padBottom = 44, 12, 12, 30
	plotW, plotH                         = chartW - padLeft - padRight, chartH - padTop - padBottom
	maxXTicks                            = 6
	// The longest span, in days, drawn in bars of a day, a week, a
	// month: from a few dozen to a couple of hundred bars.
	maxDaySpan, maxWeekSpan, maxMonthSpan = 92, 550, 20 * 366
	// Bars narrower than this are drawn without gaps.
	minBarGapWidth = 4.0

	dayLayout, monthLayout, yearLayout = "2006-01-02", "2006-01", "2006"
)

// newChart buckets series (days with counts, in order; days without
// articles left out) into days, weeks, months or years, whichever gives a
// readable number of bars, with empty buckets between as zeros. link gives
// the address of the articles of a bucket from its first and last day.
// It returns nil for a series with no valid day.
func newChart(series []article.DayCount, link func(from, to string) string) *chart {
	type point struct {
		day             time.Time
		count, mentions int
	}
	var pts []point
	for _, d := range series {
		t, err := time.Parse(dayLayout, d.Date)
		if err != nil {
			continue
		}
		pts = append(pts, point{t, d.Count, d.Mentions})
	}
	if len(pts) == 0 {
		return nil
	}
	first, last := pts[0].day, pts[0].day
	for _, p := range pts {
		if p.day.Before(first) {
			first = p.day
		}
		if p.day.After(last) {
			last = p.day
		}
	}
	unit := unitFor(int(last.Sub(first).Hours()/24) + 1)

	c := &chart{Width: chartW, Height: chartH, Unit: unit, Left: padLeft, Right: chartW - padRight}
	index := map[time.Time]int{}
	for t := bucketStart(first, unit); !t.After(last); t = bucketNext(t, unit) {
		index[t] = len(c.Bars)
		from, to := bucketRange(t, unit)
		c.Bars = append(c.Bars, bar{Label: bucketLabel(t, unit), URL: link(from, to)})
	}
	for _, p := range pts {
		b := &c.Bars[index[bucketStart(p.day, unit)]]
		b.Count += p.count
		b.Mentions += p.mentions
		c.Total += p.count
		c.Mentions += p.mentions
	}

	peak := 0
	for _, b := range c.Bars {
		peak = max(peak, b.Count)
	}
	top := niceCeil(peak)
	slot := float64(plotW) / float64(len(c.Bars))
	gap := 0.0
	if slot >= minBarGapWidth {
		gap = slot * 0.15
	}
	for i := range c.Bars {
		b := &c.Bars[i]
		h := float64(b.Count) / float64(top) * plotH
		b.X = num(padLeft + float64(i)*slot + gap/2)
		b.W = num(slot - gap)
		b.Y = num(padTop + plotH - h)
		b.H = num(h)
	}
	levels := []int{0, top}
	if top%2 == 0 {
		levels = []int{0, top / 2, top}
	}
	for _, v := range levels {
		c.YTicks = append(c.YTicks, tick{X: num(padLeft - 6), Y: num(padTop + plotH - float64(v)/float64(top)*plotH), Label: strconv.Itoa(v)})
	}
	step := (len(c.Bars) + maxXTicks - 1) / maxXTicks
	for i := 0; i < len(c.Bars); i += step {
		label := c.Bars[i].Label
		if unit == "week" {
			label = bucketStart(first, unit).AddDate(0, 0, 7*i).Format(dayLayout)
		}
		c.XTicks = append(c.XTicks, tick{X: num(padLeft + (float64(i)+0.5)*slot), Y: num(chartH - 10), Label: label})
	}
	return c
}

func unitFor(days int) string {
	switch {
	case days <= maxDaySpan:
		return "day"
	case days <= maxWeekSpan:
		return "week"
	case days <= maxMonthSpan:
		return "month"
	}
	return "year"
}

// bucketStart is the first day of t's bucket; weeks start on Monday, as
// ISO 8601's do.
func bucketStart(t time.Time, unit string) time.Time {
	switch unit {
	case "week":
		return t.AddDate(0, 0, -(int(t.Weekday())+6)%7)
	case "month":
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	case "year":
		return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

func bucketNext(t time.Time, unit string) time.Time {
	switch unit {
	case "week":
		return t.AddDate(0, 0, 7)
	case "month":
		return t.AddDate(0, 1, 0)
	case "year":
		return t.AddDate(1, 0, 0)
	}
	return t.AddDate(0, 0, 1)
}

// bucketRange is the bucket as the store's date filters spell it.
func bucketRange(t time.Time, unit string) (from, to string) {
	switch unit {
	case "week":
		return t.Format(dayLayout), t.AddDate(0, 0, 6).Format(dayLayout)
	case "month":
		return t.Format(monthLayout), t.Format(monthLayout)
	case "year":
		return t.Format(yearLayout), t.Format(yearLayout)
	}
	return t.Format(dayLayout), t.Format(dayLayout)
}

func bucketLabel(t time.Time, unit string) string {
	switch unit {
	case "week":
		return "week of " + t.Format(dayLayout)
	case "month":
		return t.Format(monthLayout)
	case "year":
		return t.Format(yearLayout)
	}
	return t.Format(dayLayout)
}

// niceCeil rounds n up to 1, 2 or 5 times a power of ten, for the top of
// the axis.
func niceCeil(n int) int {
	if n <= 1 {
		return 1
	}
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if m*p >= n {
				return m * p
			}
		}
	}
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// describe says what the chart shows in words, for its SVG <desc>.
func (c *chart) describe(what string) string {
	first, last := c.Bars[0].Label, c.Bars[len(c.Bars)-1].Label
	return fmt.Sprintf("%s per %s, %d in all, from %s to %s.", what, c.Unit, c.Total, first, last)
}
