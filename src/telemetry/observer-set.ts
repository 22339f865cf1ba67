import type { HookErrorReporter } from '../hooks';
import type { Sanitizer } from '../sanitize';
import type { PropagationDirection, PropagationFailureReason } from '../vocabulary';
import type { AttemptReport, OperationReport, SendReport, SpanComponent, TelemetryObserver } from './telemetry-observer';

/** The events observers hear; `onSanitizer` is no event, it is called once when an observer is added. */
type Member = Exclude<keyof TelemetryObserver, 'onSanitizer'>;
type Lists = { [M in Member]: readonly TelemetryObserver[] };

const MEMBERS: readonly Member[] = ['onSent', 'onOperationEnd', 'onAttemptEnd', 'onSpanStart', 'onPropagationFailure', 'onQueueSeen'];

/**
 * The observers of one QueueOtel, kept per member so that an event nobody listens to costs one length check.
 * Every call is guarded: an observer that throws is reported through `failed` and the others still hear.
 */
export class ObserverSet {
  private readonly all: TelemetryObserver[] = [];
  private lists: Lists = ObserverSet.build([]);

  /** @param sanitizer the QueueOtel's (none with `sanitize: false`), handed to each observer added (`onSanitizer`). */
  constructor(
    private readonly failed: HookErrorReporter,
    private readonly sanitizer?: Sanitizer,
  ) {}

  private static build(all: readonly TelemetryObserver[]): Lists {
    const lists = {} as Record<Member, TelemetryObserver[]>;
    for (const member of MEMBERS) lists[member] = all.filter((observer) => typeof observer[member] === 'function');
    return lists;
  }

  /** Adds an observer (once), handing it the sanitizer first so that it never records a label unredacted. */
  add(observer: TelemetryObserver): void {
    if (this.all.includes(observer)) return;
    if (this.sanitizer !== undefined && typeof observer.onSanitizer === 'function') {
      try {
        observer.onSanitizer(this.sanitizer);
      } catch (error) {
        this.failed('TelemetryObserver.onSanitizer', error);
      }
    }
    this.all.push(observer);
    this.lists = ObserverSet.build(this.all);
  }

  /** Removes an observer; returns whether it was there. The lists are replaced, so a call iterating them is unaffected. */
  remove(observer: TelemetryObserver): boolean {
    const index = this.all.indexOf(observer);
    if (index < 0) return false;
    this.all.splice(index, 1);
    this.lists = ObserverSet.build(this.all);
    return true;
  }

  /**
   * Whether anything hears `member`. A switch rather than `this.lists[member]`: that one keyed read, shared by every
   * member, would be megamorphic (an uncached lookup per call); inlined with a literal member, the switch folds to a
   * single field read.
   */
  hears(member: Member): boolean {
    const lists = this.lists;
    switch (member) {
      case 'onSent':
        return lists.onSent.length > 0;
      case 'onOperationEnd':
        return lists.onOperationEnd.length > 0;
      case 'onAttemptEnd':
        return lists.onAttemptEnd.length > 0;
      case 'onSpanStart':
        return lists.onSpanStart.length > 0;
      case 'onPropagationFailure':
        return lists.onPropagationFailure.length > 0;
      case 'onQueueSeen':
        return lists.onQueueSeen.length > 0;
    }
  }

  sent(report: SendReport): void {
    for (const observer of this.lists.onSent) {
      try {
        observer.onSent!(report);
      } catch (error) {
        this.failed('TelemetryObserver.onSent', error);
      }
    }
  }

  operationEnd(report: OperationReport): void {
    for (const observer of this.lists.onOperationEnd) {
      try {
        observer.onOperationEnd!(report);
      } catch (error) {
        this.failed('TelemetryObserver.onOperationEnd', error);
      }
    }
  }

  attemptEnd(report: AttemptReport): void {
    for (const observer of this.lists.onAttemptEnd) {
      try {
        observer.onAttemptEnd!(report);
      } catch (error) {
        this.failed('TelemetryObserver.onAttemptEnd', error);
      }
    }
  }

  spanStart(component: SpanComponent, operation: string): void {
    for (const observer of this.lists.onSpanStart) {
      try {
        observer.onSpanStart!(component, operation);
      } catch (error) {
        this.failed('TelemetryObserver.onSpanStart', error);
      }
    }
  }

  propagationFailure(direction: PropagationDirection, reason: PropagationFailureReason): void {
    for (const observer of this.lists.onPropagationFailure) {
      try {
        observer.onPropagationFailure!(direction, reason);
      } catch (error) {
        this.failed('TelemetryObserver.onPropagationFailure', error);
      }
    }
  }

  queueSeen(queue: string): void {
    for (const observer of this.lists.onQueueSeen) {
      try {
        observer.onQueueSeen!(queue);
      } catch (error) {
        this.failed('TelemetryObserver.onQueueSeen', error);
      }
    }
  }
}
