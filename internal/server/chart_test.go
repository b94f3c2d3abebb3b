package server

import (
	"strconv"
	"testing"
	"time"

	"github.com/dateline-news/dateline/internal/article"
)

func TestChartBuckets(t *testing.T) {
	link := func(from, to string) string { return from + ".." + to }
	tests := []struct {
		name   string
		series []article.DayCount
		unit   string
		labels []string // of the bars, in order
		counts []int
		urls   []string // of the first and last bar
	}{
		{
			name:   "days, gaps filled",
			series: []article.DayCount{{Date: "2023-04-20", Count: 2}, {Date: "2023-04-23", Count: 1}},
			unit:   "day",
			labels: []string{"2023-04-20", "2023-04-21", "2023-04-22", "2023-04-23"},
			counts: []int{2, 0, 0, 1},
			urls:   []string{"2023-04-20..2023-04-20", "2023-04-23..2023-04-23"},
		},
		{
			name:   "weeks start on Monday",
			series: []article.DayCount{{Date: "2023-01-01", Count: 1}, {Date: "2023-01-02", Count: 1}, {Date: "2023-06-30", Count: 3}},
			unit:   "week",
			urls:   []string{"2022-12-26..2023-01-01", "2023-06-26..2023-07-02"},
		},
		{
			name:   "months",
			series: []article.DayCount{{Date: "2019-01-04", Count: 1}, {Date: "2019-01-31", Count: 2}, {Date: "2020-12-28", Count: 5}},
			unit:   "month",
			urls:   []string{"2019-01..2019-01", "2020-12..2020-12"},
		},
		{
			name:   "years",
			series: []article.DayCount{{Date: "1990-05-01", Count: 1}, {Date: "2023-01-01", Count: 1}},
			unit:   "year",
			urls:   []string{"1990..1990", "2023..2023"},
		},
		{
			name:   "bad dates skipped",
			series: []article.DayCount{{Date: "nonsense", Count: 9}, {Date: "2023-02-30", Count: 9}, {Date: "2023-04-20", Count: 1}},
			unit:   "day",
			labels: []string{"2023-04-20"},
			counts: []int{1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChart(tt.series, link)
			if c == nil {
				t.Fatal("no chart")
			}
			if c.Unit != tt.unit {
				t.Errorf("unit %s, want %s", c.Unit, tt.unit)
			}
			total := 0
			for _, d := range tt.series {
				if _, err := time.Parse(dayLayout, d.Date); err == nil {
					total += d.Count
				}
			}
			sum := 0
			for i, b := range c.Bars {
				sum += b.Count
				if tt.labels != nil && b.Label != tt.labels[i] {
					t.Errorf("bar %d label %s, want %s", i, b.Label, tt.labels[i])
				}
				if tt.counts != nil && b.Count != tt.counts[i] {
					t.Errorf("bar %d count %d, want %d", i, b.Count, tt.counts[i])
				}
				for _, v := range []string{b.X, b.Y, b.W, b.H} {
					f, err := strconv.ParseFloat(v, 64)
					if err != nil || f < 0 || f > chartW {
						t.Errorf("bar %d: coordinate %q", i, v)
					}
				}
			}
			if sum != total || c.Total != total {
				t.Errorf("bars sum to %d, total %d, want %d", sum, c.Total, total)
			}
			if tt.labels != nil && len(c.Bars) != len(tt.labels) {
				t.Errorf("%d bars, want %d", len(c.Bars), len(tt.labels))
			}
			if tt.urls != nil {
				if got := c.Bars[0].URL; got != tt.urls[0] {
					t.Errorf("first bar links %s, want %s", got, tt.urls[0])
				}
				if got := c.Bars[len(c.Bars)-1].URL; got != tt.urls[1] {
					t.Errorf("last bar links %s, want %s", got, tt.urls[1])
				}
			}
			if len(c.XTicks) == 0 || len(c.XTicks) > maxXTicks || len(c.YTicks) < 2 {
				t.Errorf("%d x ticks, %d y ticks", len(c.XTicks), len(c.YTicks))
			}
		})
	}
	if c := newChart(nil, link); c != nil {
		t.Errorf("a chart of nothing: %+v", c)
	}
}

func TestChartTallestBarFits(t *testing.T) {
	c := newChart([]article.DayCount{{Date: "2023-04-20", Count: 7}, {Date: "2023-04-21", Count: 3}}, func(string, string) string { return "" })
	y, _ := strconv.ParseFloat(c.Bars[0].Y, 64)
	h, _ := strconv.ParseFloat(c.Bars[0].H, 64)
	if y < padTop || y+h > padTop+plotH+0.05 {
		t.Errorf("bar from %v to %v outside the plot", y, y+h)
	}
	if top := c.YTicks[len(c.YTicks)-1].Label; top != "10" {
		t.Errorf("axis top %s, want 10", top)
	}
}

func TestNiceCeil(t *testing.T) {
	for n, want := range map[int]int{0: 1, 1: 1, 2: 2, 3: 5, 5: 5, 6: 10, 11: 20, 21: 50, 51: 100, 999: 1000} {
		if got := niceCeil(n); got != want {
			t.Errorf("niceCeil(%d) = %d, want %d", n, got, want)
		}
	}
}
