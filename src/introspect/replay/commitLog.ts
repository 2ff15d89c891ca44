/**
 * Which of the migrations' role statements are committed. On a shared server a run may drop afterwards only the
 * roles its own committed statements made: a role of the same name can appear at any moment (another run), and a
 * statement inside a transaction block that is rolled back made nothing. A statement outside a block is
 * committed when it succeeds (a batch is one implicit transaction: it succeeded whole); inside a block it waits
 * for COMMIT, is forgotten at ROLLBACK, and at ROLLBACK TO SAVEPOINT back to that savepoint.
 */
type Node = Record<string, any>;

/** Statements that make, drop or rename a role. */
export function isRoleStatement(node: Node): boolean {
  return Boolean(node.CreateRoleStmt || node.DropRoleStmt || node.RenameStmt?.renameType === 'OBJECT_ROLE');
}

export class RoleCommitLog {
  /** The block's role statements so far; undefined outside a transaction block. */
  private pending: Node[] | undefined;
  private savepoints: Array<{ name: string; at: number }> = [];

  constructor(private readonly committed: (node: Node) => void) {}

  /** After `node` ran without error (in order, including BEGIN, COMMIT, SAVEPOINT and the like). */
  ran(node: Node): void {
    const t = node.TransactionStmt;
    if (!t) {
      if (isRoleStatement(node)) {
        if (this.pending) this.pending.push(node);
        else this.committed(node);
      }
      return;
    }
    const savepoint = () => this.savepoints.map((s) => s.name).lastIndexOf(t.savepoint_name);
    switch (t.kind) {
      case 'TRANS_STMT_BEGIN':
      case 'TRANS_STMT_START':
        this.pending ??= []; // BEGIN inside a block only warns
        break;
      case 'TRANS_STMT_COMMIT':
        for (const n of this.pending ?? []) this.committed(n);
        this.end(t.chain);
        break;
      case 'TRANS_STMT_ROLLBACK':
      case 'TRANS_STMT_PREPARE': // a prepared transaction is not committed by this run
        this.end(t.chain);
        break;
      case 'TRANS_STMT_SAVEPOINT':
        if (this.pending) this.savepoints.push({ name: t.savepoint_name, at: this.pending.length });
        break;
      case 'TRANS_STMT_RELEASE': {
        const i = savepoint();
        if (i >= 0) this.savepoints.length = i;
        break;
      }
      case 'TRANS_STMT_ROLLBACK_TO': {
        const i = savepoint();
        if (i >= 0 && this.pending) {
          this.pending.length = this.savepoints[i].at;
          this.savepoints.length = i + 1;
        }
        break;
      }
    }
  }

  /** The block ended; AND CHAIN starts the next one at once. */
  private end(chain: boolean | undefined): void {
    this.pending = chain ? [] : undefined;
    this.savepoints = [];
  }
}
