/**
 * Assembles one DynamoDB UpdateExpression (SET, REMOVE, ADD and DELETE clauses) and its
 * condition, with every attribute name behind a `#placeholder` (`owner` is a DynamoDB reserved
 * word) and every value behind a `:placeholder`.
 */

export class UpdateBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  readonly #set: string[] = [];
  readonly #remove: string[] = [];
  readonly #add: string[] = [];
  readonly #delete: string[] = [];
  readonly #conditions: string[] = [];
  #next = 0;

  /** Placeholder of attribute `name`. */
  name(name: string): string {
    const key = `#${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
    this.names[key] = name;
    return key;
  }

  /** Placeholder of a value. */
  value(value: unknown): string {
    const key = `:v${this.#next++}`;
    this.values[key] = value;
    return key;
  }

  set(clause: string): this {
    this.#set.push(clause);
    return this;
  }

  remove(attribute: string): this {
    this.#remove.push(this.name(attribute));
    return this;
  }

  add(clause: string): this {
    this.#add.push(clause);
    return this;
  }

  delete(clause: string): this {
    this.#delete.push(clause);
    return this;
  }

  /** Adds a condition; all conditions are joined with AND. */
  condition(clause: string): this {
    this.#conditions.push(`(${clause})`);
    return this;
  }

  /** The UpdateItem parameters built so far. */
  build(): {
    UpdateExpression?: string;
    ConditionExpression?: string;
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  } {
    const parts: string[] = [];
    if (this.#set.length) parts.push(`SET ${this.#set.join(", ")}`);
    if (this.#remove.length) parts.push(`REMOVE ${this.#remove.join(", ")}`);
    if (this.#add.length) parts.push(`ADD ${this.#add.join(", ")}`);
    if (this.#delete.length) parts.push(`DELETE ${this.#delete.join(", ")}`);
    return {
      ...(parts.length ? { UpdateExpression: parts.join(" ") } : {}),
      ...(this.#conditions.length ? { ConditionExpression: this.#conditions.join(" AND ") } : {}),
      ExpressionAttributeNames: this.names,
      ...(Object.keys(this.values).length ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}
