/**
 * A reference model of the credit rules (docs/architecture.md §2 and the README's "Credits"), written from
 * the rules alone: it imports nothing of the engine, keeps everything in plain maps, and knows
 * nothing of SQL, locks or changesets. The property test runs the same commands through both and
 * compares what they say after every step.
 *
 * Ids are the one thing the model takes from the engine: they are random there, and the spending
 * order uses the id as its last tie-break, so the engine's id of each new package is passed in.
 */

export type Source = "SIGNUP_BONUS" | "PURCHASE" | "SUBSCRIPTION" | "ADMIN_GRANT" | "PROMO";
export type HoldState = "HELD" | "SETTLED" | "RELEASED";

// "On a tie, promotional sources (SIGNUP_BONUS, PROMO, ADMIN_GRANT) before paid ones."
const PROMOTIONAL: Source[] = ["SIGNUP_BONUS", "PROMO", "ADMIN_GRANT"];

interface Pkg {
  id: string;
  user: string;
  grantKey: string;
  source: Source;
  initial: number;
  remaining: number;
  frozen: number;
  /** Epoch ms; null: never expires. */
  expiresAt: number | null;
  createdAt: number;
  expired: boolean;
}

interface Hold {
  user: string;
  amount: number;
  state: HoldState;
  expiresAt: number;
  /** Package id → credits drawn from it. */
  drawn: Map<string, number>;
}

/** What the model says about one user; the engine's answers are brought into the same shape. */
export interface UserView {
  available: number;
  frozen: number;
  debt: number;
  expiringWithin7Days: number;
  /** Ids of the ACTIVE packages in spending order. */
  order?: string[];
  packages: Record<string, { remaining: number; frozen: number; status: "ACTIVE" | "EXPIRED" }>;
  holds: Record<string, { status: HoldState; drawn: Record<string, number> }>;
}

export type Outcome = "ok" | "noop" | "short";

const WEEK = 7 * 86_400_000;

export class ReferenceBooks {
  private packages = new Map<string, Pkg>();
  private holds = new Map<string, Hold>();
  private debts = new Map<string, number>();
  private clawbacksApplied = new Set<string>();

  clone(): ReferenceBooks {
    const copy = new ReferenceBooks();
    for (const [id, p] of this.packages) copy.packages.set(id, { ...p });
    for (const [ref, h] of this.holds) copy.holds.set(ref, { ...h, drawn: new Map(h.drawn) });
    copy.debts = new Map(this.debts);
    copy.clawbacksApplied = new Set(this.clawbacksApplied);
    return copy;
  }

  grant(g: {
    id: string;
    user: string;
    grantKey: string;
    source: Source;
    credits: number;
    expiresAt: number | null;
    now: number;
  }): Outcome {
    if ([...this.packages.values()].some((p) => p.grantKey === g.grantKey)) return "noop";
    // Debt is paid first; only the rest can be spent.
    const debt = this.debts.get(g.user) ?? 0;
    const paid = Math.min(debt, g.credits);
    this.debts.set(g.user, debt - paid);
    this.packages.set(g.id, {
      id: g.id,
      user: g.user,
      grantKey: g.grantKey,
      source: g.source,
      initial: g.credits,
      remaining: g.credits - paid,
      frozen: 0,
      expiresAt: g.expiresAt,
      createdAt: g.now,
      expired: false,
    });
    return "ok";
  }

  hold(h: { user: string; reference: string; amount: number; ttlMs: number; now: number }): Outcome {
    if (this.holds.has(h.reference)) return "noop";
    const drawn = this.take(h.user, h.amount, h.now);
    if (!drawn) return "short";
    for (const [id, n] of drawn) {
      const p = this.pkg(id);
      p.remaining -= n;
      p.frozen += n;
    }
    this.holds.set(h.reference, { user: h.user, amount: h.amount, state: "HELD", expiresAt: h.now + h.ttlMs, drawn });
    return "ok";
  }

  settle(reference: string, now: number): Outcome {
    return this.resolve(reference, "SETTLED", now);
  }

  release(reference: string, now: number): Outcome {
    return this.resolve(reference, "RELEASED", now);
  }

  /** An admin's deduction: like a hold that is spent at once, in spending order. */
  deduct(d: { user: string; credits: number; now: number }): Outcome {
    const drawn = this.take(d.user, d.credits, d.now);
    if (!drawn) return "short";
    for (const [id, n] of drawn) this.pkg(id).remaining -= n;
    return "ok";
  }

  /** A refund: the grant's own package first, then the newest spendable ones; the rest is debt. */
  clawback(c: { grantKey: string; clawbackKey: string; credits?: number; now: number }): Outcome {
    const own = [...this.packages.values()].find((p) => p.grantKey === c.grantKey);
    if (!own) throw new Error(`model: no grant ${c.grantKey}`);
    const applied = `${own.user}|${c.clawbackKey}`;
    if (this.clawbacksApplied.has(applied)) return "noop";
    this.clawbacksApplied.add(applied);
    const newestFirst = this.userPackages(own.user)
      .filter((p) => p !== own && this.spendable(p, c.now))
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
    let left = c.credits ?? own.initial;
    for (const p of own.expired ? newestFirst : [own, ...newestFirst]) {
      const n = Math.min(left, p.remaining);
      p.remaining -= n;
      left -= n;
    }
    this.debts.set(own.user, (this.debts.get(own.user) ?? 0) + left);
    return "ok";
  }

  /** The daily job: past its date with nothing frozen, a package expires with what it has left. */
  expirePackages(now: number): void {
    for (const p of this.packages.values()) this.expireIfDue(p, now);
  }

  /** The hourly job: holds past their TTL go back. */
  releaseStale(now: number): void {
    for (const [reference, h] of this.holds) if (h.state === "HELD" && h.expiresAt <= now) this.release(reference, now);
  }

  view(user: string, now: number): UserView {
    const mine = this.userPackages(user);
    const spendable = mine.filter((p) => this.spendable(p, now));
    const packages: UserView["packages"] = {};
    for (const p of mine) {
      packages[p.id] = { remaining: p.remaining, frozen: p.frozen, status: p.expired ? "EXPIRED" : "ACTIVE" };
    }
    const holds: UserView["holds"] = {};
    for (const [ref, h] of this.holds) {
      if (h.user === user) holds[ref] = { status: h.state, drawn: Object.fromEntries(h.drawn) };
    }
    return {
      available: sum(spendable.map((p) => p.remaining)),
      frozen: sum(mine.filter((p) => !p.expired).map((p) => p.frozen)),
      debt: this.debts.get(user) ?? 0,
      expiringWithin7Days: sum(
        spendable.filter((p) => p.expiresAt !== null && p.expiresAt <= now + WEEK).map((p) => p.remaining),
      ),
      order: this.inSpendingOrder(mine.filter((p) => !p.expired)).map((p) => p.id),
      packages,
      holds,
    };
  }

  /** References of the holds the model knows, in the order they were made. */
  holdReferences(): string[] {
    return [...this.holds.keys()];
  }

  private resolve(reference: string, outcome: "SETTLED" | "RELEASED", now: number): Outcome {
    const h = this.holds.get(reference);
    if (!h) throw new Error(`model: no hold ${reference}`);
    if (h.state !== "HELD") return "noop";
    h.state = outcome;
    for (const [id, n] of h.drawn) {
      const p = this.pkg(id);
      p.frozen -= n;
      if (outcome === "RELEASED") p.remaining += n;
    }
    // A package kept alive past its date by frozen credits expires as soon as they are resolved.
    for (const id of h.drawn.keys()) this.expireIfDue(this.pkg(id), now);
    return "ok";
  }

  private expireIfDue(p: Pkg, now: number): void {
    if (!p.expired && p.expiresAt !== null && p.expiresAt <= now && p.frozen === 0) {
      p.expired = true;
      p.remaining = 0;
    }
  }

  /** Which packages `amount` comes from, in spending order; null when the spendable balance is short. */
  private take(user: string, amount: number, now: number): Map<string, number> | null {
    const candidates = this.inSpendingOrder(this.userPackages(user).filter((p) => this.spendable(p, now)));
    if (sum(candidates.map((p) => p.remaining)) < amount) return null;
    const drawn = new Map<string, number>();
    let left = amount;
    for (const p of candidates) {
      const n = Math.min(left, p.remaining);
      if (n > 0) drawn.set(p.id, n);
      left -= n;
    }
    return drawn;
  }

  // Soonest expiry first (never-expiring last); promotional before paid; oldest; then the id.
  private inSpendingOrder(list: Pkg[]): Pkg[] {
    const rank = (p: Pkg): [number, number, number] => [
      p.expiresAt ?? Number.POSITIVE_INFINITY,
      PROMOTIONAL.includes(p.source) ? 0 : 1,
      p.createdAt,
    ];
    return [...list].sort((a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      for (let i = 0; i < ra.length; i += 1) if (ra[i] !== rb[i]) return (ra[i] as number) < (rb[i] as number) ? -1 : 1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
  }

  private spendable(p: Pkg, now: number): boolean {
    return !p.expired && (p.expiresAt === null || p.expiresAt > now);
  }

  private userPackages(user: string): Pkg[] {
    return [...this.packages.values()].filter((p) => p.user === user);
  }

  private pkg(id: string): Pkg {
    const p = this.packages.get(id);
    if (!p) throw new Error(`model: no package ${id}`);
    return p;
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
