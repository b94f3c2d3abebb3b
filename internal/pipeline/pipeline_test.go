package pipeline

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestOrderedKeepsOrder(t *testing.T) {
	const n = 500
	var got []int
	err := Ordered(context.Background(), 8,
		func(yield func(int) error) error {
			for i := range n {
				if err := yield(i); err != nil {
					return err
				}
			}
			return nil
		},
		func(_ context.Context, i int) int {
			// Later items finish first: order must come from the queue.
			time.Sleep(time.Duration((n-i)%7) * time.Microsecond)
			return i * 2
		},
		func(v int) error { got = append(got, v); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("got %d results, want %d", len(got), n)
	}
	for i, v := range got {
		if v != 2*i {
			t.Fatalf("result %d is %d, want %d", i, v, 2*i)
		}
	}
}

func TestOrderedStopsOnEmitError(t *testing.T) {
	stop := errors.New("stop")
	count := 0
	err := Ordered(context.Background(), 4,
		func(yield func(int) error) error {
			for i := 0; ; i++ {
				if err := yield(i); err != nil {
					return err
				}
			}
		},
		func(_ context.Context, i int) int { return i },
		func(v int) error {
			count++
			if v == 10 {
				return stop
			}
			return nil
		})
	if !errors.Is(err, stop) {
		t.Fatalf("err = %v, want %v", err, stop)
	}
	if count != 11 {
		t.Fatalf("emit called %d times after the error, want 11", count)
	}
}

func TestOrderedProducerError(t *testing.T) {
	bad := errors.New("bad input")
	err := Ordered(context.Background(), 2,
		func(yield func(int) error) error {
			_ = yield(1)
			return bad
		},
		func(_ context.Context, i int) int { return i },
		func(int) error { return nil })
	if !errors.Is(err, bad) {
		t.Fatalf("err = %v, want %v", err, bad)
	}
}
