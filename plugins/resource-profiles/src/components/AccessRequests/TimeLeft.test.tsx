import { act, render, screen } from '@testing-library/react';
import { TimeLeft } from './TimeLeft';

describe('TimeLeft', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date('2026-11-22T10:00:00.000Z'));
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('counts down every second until the grant expires', () => {
    render(<TimeLeft until="2026-11-22T10:01:05.000Z" />);
    expect(screen.getByTestId('time-left')).toHaveTextContent(
      '1 min 05 s left',
    );
    expect(screen.getByTestId('time-left')).toHaveAttribute(
      'title',
      'Until 2026-11-22 10:01 UTC',
    );

    act(() => {
      jest.advanceTimersByTime(1000);
    });
    expect(screen.getByTestId('time-left')).toHaveTextContent(
      '1 min 04 s left',
    );

    act(() => {
      jest.advanceTimersByTime(64_000);
    });
    expect(screen.getByTestId('time-left')).toHaveTextContent('expired');
  });

  it('shows hours and minutes for longer grants', () => {
    render(<TimeLeft until="2026-11-22T12:00:00.000Z" />);
    expect(screen.getByTestId('time-left')).toHaveTextContent('2 h 0 min left');
    act(() => {
      jest.advanceTimersByTime(60_000);
    });
    expect(screen.getByTestId('time-left')).toHaveTextContent(
      '1 h 59 min left',
    );
  });
});
