/**
 * Clients of another copy of the AWS SDK.
 *
 * A command resolves its middleware against the stack of the client that sends it, by the names
 * of that stack's middleware. Those names and positions change between SDK versions, so a
 * command class of our copy sent through a client of another copy fails before any request is
 * made (for example "serializerMiddleware is not found"). When the caller's client is not of our
 * copy, the store sends through a client of our copy built from the caller's client's resolved
 * settings instead: same region, credentials, endpoint, retry mode and attempts, and HTTP handler
 * (so the same connections), but not middleware the caller added to their own client's stack, nor
 * a custom retry strategy object (its interface differs between copies).
 */
import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, type TranslateConfig } from "@aws-sdk/lib-dynamodb";

/** The resolved settings of a client of any copy, as far as they are carried over. */
interface ForeignConfig {
  readonly region?: unknown;
  readonly credentials?: unknown;
  readonly endpoint?: unknown;
  readonly isCustomEndpoint?: unknown;
  readonly maxAttempts?: unknown;
  readonly retryMode?: unknown;
  readonly requestHandler?: unknown;
  readonly logger?: unknown;
  readonly useFipsEndpoint?: unknown;
  readonly useDualstackEndpoint?: unknown;
  readonly systemClockOffset?: unknown;
  readonly customUserAgent?: unknown;
  readonly translateConfig?: unknown;
}

function configOf(client: unknown): ForeignConfig {
  const config = (client as { config?: unknown } | null)?.config;
  return typeof config === "object" && config !== null ? (config as ForeignConfig) : {};
}

/** A client of our copy with the caller's client's settings (see the module comment). */
function ourClientFrom(client: unknown): DynamoDBClient {
  const c = configOf(client);
  const settings: Record<string, unknown> = {
    region: c.region,
    credentials: c.credentials,
    // Without a custom endpoint the region's endpoint is derived again by our copy.
    endpoint: c.isCustomEndpoint === true ? c.endpoint : undefined,
    maxAttempts: c.maxAttempts,
    retryMode: c.retryMode,
    requestHandler: c.requestHandler,
    logger: c.logger,
    useFipsEndpoint: c.useFipsEndpoint,
    useDualstackEndpoint: c.useDualstackEndpoint,
    systemClockOffset: c.systemClockOffset,
    customUserAgent: c.customUserAgent,
  };
  const defined = Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== undefined),
  );
  return new DynamoDBClient(defined as DynamoDBClientConfig);
}

const DEFAULT_TRANSLATE: TranslateConfig = { marshallOptions: { removeUndefinedValues: true } };

/**
 * A real client of another copy: it has a middleware stack and a config of its own. Anything
 * else that is not of our copy (a stand-in with a `send` of its own) is used as it is.
 */
function isOtherCopy(
  client: unknown,
  ours: typeof DynamoDBClient | typeof DynamoDBDocumentClient,
): boolean {
  if (client instanceof ours) return false;
  const c = client as { middlewareStack?: unknown; config?: unknown } | null;
  return typeof c?.middlewareStack === "object" && typeof c.config === "object";
}

/**
 * The one client the store sends through, for the caller's `ddbClient` or `docClient`: a document
 * client of our copy of the SDK (the caller's own, or one wrapping their `ddbClient`, with
 * `removeUndefinedValues`), else one of our copy with the same settings. A document client shares
 * its wrapped client's middleware stack and configuration, so the low-level commands of the hot
 * paths (GetItem, UpdateItem) run through it unchanged, next to the document commands.
 */
export function storeClient(
  ddbClient: DynamoDBClient | undefined,
  docClient: DynamoDBDocumentClient | undefined,
): DynamoDBDocumentClient {
  if (docClient !== undefined) {
    if (!isOtherCopy(docClient, DynamoDBDocumentClient)) return docClient;
    const translate = configOf(docClient).translateConfig;
    return DynamoDBDocumentClient.from(
      ourClientFrom(docClient),
      typeof translate === "object" && translate !== null
        ? (translate as TranslateConfig)
        : DEFAULT_TRANSLATE,
    );
  }
  const low = isOtherCopy(ddbClient, DynamoDBClient)
    ? ourClientFrom(ddbClient)
    : (ddbClient as DynamoDBClient);
  return DynamoDBDocumentClient.from(low, DEFAULT_TRANSLATE);
}
