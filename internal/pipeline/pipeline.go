// Package pipeline runs a stage over a stream of inputs with bounded
// concurrency, keeping output in input order.
package pipeline

import (
	"context"
	"runtime"
	"sync"
)

// Ordered calls work on every item produce yields, on up to workers
// goroutines (GOMAXPROCS when workers < 1), and passes the results to emit
// in the order produce yielded the items. At most a few items per worker
// are in flight, so memory stays flat however long the stream. The first
// error from produce or emit, or ctx's cancellation, stops the run.
func Ordered[In, Out any](ctx context.Context, workers int,
	produce func(yield func(In) error) error,
	work func(context.Context, In) Out,
	emit func(Out) error,
) error {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		in  In
		out chan Out
	}
	jobs := make(chan job)
	// queue holds each item's result slot in input order; its capacity
	// bounds how far workers may run ahead of the emitter.
	queue := make(chan chan Out, 2*workers)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out <- work(ctx, j.in)
			}
		}()
	}

	prodErr := make(chan error, 1)
	go func() {
		defer close(queue)
		defer close(jobs)
		prodErr <- produce(func(in In) error {
			slot := make(chan Out, 1)
			select {
			case queue <- slot:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case jobs <- job{in, slot}:
			case <-ctx.Done():
				// The slot is queued: fill it, or the emitter waits forever.
				var zero Out
				slot <- zero
				return ctx.Err()
			}
			return nil
		})
	}()

	var emitErr error
	for slot := range queue {
		out := <-slot
		if emitErr == nil {
			if emitErr = emit(out); emitErr != nil {
				cancel()
			}
		}
	}
	wg.Wait()
	if emitErr != nil {
		return emitErr
	}
	if err := <-prodErr; err != nil {
		return err
	}
	return ctx.Err()
}
