/**
 * Arize OpenInference semantic convention keys, copied from
 * `@arizeai/openinference-semantic-conventions` 2.12 (not imported: adapters must not depend on
 * it at runtime). Every name carries an `OI_` prefix so it can never clash with the OTel GenAI
 * or common keys exported beside it (`OI_SESSION_ID` and `SESSION_ID` are the same key).
 *
 * Keys marked "relative" are suffixes inside an indexed group, e.g.
 * `llm.input_messages.{i}.` + `message.role`, or `….message.tool_calls.{j}.` + `tool_call.id`.
 */

// --- span kind, scope, resource ---
/** OpenInference span kind: LLM, EMBEDDING, CHAIN, TOOL, AGENT, RETRIEVER, RERANKER, GUARDRAIL, EVALUATOR, PROMPT. */
export const OI_SPAN_KIND = 'openinference.span.kind' as const;
/** Instrumentation scope prefix of the `@arizeai/openinference-instrumentation-*` packages. */
export const OI_SCOPE_PREFIX = '@arizeai/openinference' as const;
/** Resource key: project to group traces under (Phoenix). */
export const OI_PROJECT_NAME = 'openinference.project.name' as const;

/** The values of `openinference.span.kind`. */
export const OiSpanKind = {
  llm: 'LLM',
  embedding: 'EMBEDDING',
  chain: 'CHAIN',
  tool: 'TOOL',
  agent: 'AGENT',
  retriever: 'RETRIEVER',
  reranker: 'RERANKER',
  guardrail: 'GUARDRAIL',
  evaluator: 'EVALUATOR',
  prompt: 'PROMPT',
} as const;

/** Mime types of `input.mime_type` / `output.mime_type`. */
export const OiMimeType = {
  json: 'application/json',
  text: 'text/plain',
} as const;

// --- input and output of any span ---
/** Input of any span: text or a JSON string (see `input.mime_type`). */
export const OI_INPUT_VALUE = 'input.value' as const;
/** Mime type of `input.value`. */
export const OI_INPUT_MIME_TYPE = 'input.mime_type' as const;
/** Images given as input, indexed: `input.images.{i}.image.url`. */
export const OI_INPUT_IMAGES = 'input.images' as const;
/** Output of any span: text or a JSON string (see `output.mime_type`). */
export const OI_OUTPUT_VALUE = 'output.value' as const;
/** Mime type of `output.value`. */
export const OI_OUTPUT_MIME_TYPE = 'output.mime_type' as const;
/** Images produced as output, indexed: `output.images.{i}.image.url`. */
export const OI_OUTPUT_IMAGES = 'output.images' as const;

// --- LLM ---
/** Input messages, indexed: `llm.input_messages.{i}.message.*`. */
export const OI_LLM_INPUT_MESSAGES = 'llm.input_messages' as const;
/** Output messages, indexed: `llm.output_messages.{i}.message.*`. */
export const OI_LLM_OUTPUT_MESSAGES = 'llm.output_messages' as const;
/** Prompts of legacy completions (list of strings). */
export const OI_LLM_PROMPTS = 'llm.prompts' as const;
/** Request parameters as a JSON string (the request body without the messages). */
export const OI_LLM_INVOCATION_PARAMETERS = 'llm.invocation_parameters' as const;
/** Model name (the response model when known, else the requested one). */
export const OI_LLM_MODEL_NAME = 'llm.model_name' as const;
/** Model requested by the caller. */
export const OI_LLM_REQUEST_MODEL_NAME = 'llm.request.model_name' as const;
/** Model that produced the response. */
export const OI_LLM_RESPONSE_MODEL_NAME = 'llm.response.model_name' as const;
/** Hosting provider (openai, azure, aws, google, …); set only for known hosts. */
export const OI_LLM_PROVIDER = 'llm.provider' as const;
/** AI product (openai, anthropic, …). */
export const OI_LLM_SYSTEM = 'llm.system' as const;
/** Finish reason of the (first) choice. */
export const OI_LLM_FINISH_REASON = 'llm.finish_reason' as const;
/** Legacy function call of the model as a JSON string (`{name, arguments}`). */
export const OI_LLM_FUNCTION_CALL = 'llm.function_call' as const;
/** Tools offered to the model, indexed: `llm.tools.{i}.tool.json_schema`. */
export const OI_LLM_TOOLS = 'llm.tools' as const;
/** Prompt template text. */
export const OI_LLM_PROMPT_TEMPLATE_TEMPLATE = 'llm.prompt_template.template' as const;
/** Prompt template variables as a JSON string. */
export const OI_LLM_PROMPT_TEMPLATE_VARIABLES = 'llm.prompt_template.variables' as const;
/** Prompt template version. */
export const OI_LLM_PROMPT_TEMPLATE_VERSION = 'llm.prompt_template.version' as const;

// --- LLM token counts (input includes cache; output includes reasoning) ---
/** Prompt (input) tokens, cached tokens included. */
export const OI_LLM_TOKEN_COUNT_PROMPT = 'llm.token_count.prompt' as const;
/** Completion (output) tokens, reasoning tokens included. */
export const OI_LLM_TOKEN_COUNT_COMPLETION = 'llm.token_count.completion' as const;
/** Total tokens. */
export const OI_LLM_TOKEN_COUNT_TOTAL = 'llm.token_count.total' as const;
/** Prefix of the prompt token details. */
export const OI_LLM_TOKEN_COUNT_PROMPT_DETAILS = 'llm.token_count.prompt_details' as const;
/** Prompt tokens read from the cache. */
export const OI_LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ =
  'llm.token_count.prompt_details.cache_read' as const;
/** Prompt tokens written to the cache. */
export const OI_LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE =
  'llm.token_count.prompt_details.cache_write' as const;
/** Prompt tokens that were cached input. */
export const OI_LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_INPUT =
  'llm.token_count.prompt_details.cache_input' as const;
/** Audio tokens in the prompt. */
export const OI_LLM_TOKEN_COUNT_PROMPT_DETAILS_AUDIO =
  'llm.token_count.prompt_details.audio' as const;
/** Prefix of the completion token details. */
export const OI_LLM_TOKEN_COUNT_COMPLETION_DETAILS = 'llm.token_count.completion_details' as const;
/** Reasoning tokens in the completion. */
export const OI_LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING =
  'llm.token_count.completion_details.reasoning' as const;
/** Audio tokens in the completion. */
export const OI_LLM_TOKEN_COUNT_COMPLETION_DETAILS_AUDIO =
  'llm.token_count.completion_details.audio' as const;

// --- LLM cost in USD (reported by the application or the instrumentation) ---
/** Prefix of every cost key. */
export const OI_LLM_COST = 'llm.cost' as const;
/** Cost of the prompt tokens. */
export const OI_LLM_COST_PROMPT = 'llm.cost.prompt' as const;
/** Cost of the completion tokens. */
export const OI_LLM_COST_COMPLETION = 'llm.cost.completion' as const;
/** Total cost. */
export const OI_LLM_COST_TOTAL = 'llm.cost.total' as const;
/** Cost of the input tokens. */
export const OI_LLM_COST_INPUT = 'llm.cost.prompt_details.input' as const;
/** Cost of the output tokens. */
export const OI_LLM_COST_OUTPUT = 'llm.cost.completion_details.output' as const;
/** Cost of the reasoning tokens. */
export const OI_LLM_COST_COMPLETION_DETAILS_REASONING =
  'llm.cost.completion_details.reasoning' as const;
/** Cost of the completion audio tokens. */
export const OI_LLM_COST_COMPLETION_DETAILS_AUDIO = 'llm.cost.completion_details.audio' as const;
/** Cost of the tokens written to the cache. */
export const OI_LLM_COST_PROMPT_DETAILS_CACHE_WRITE =
  'llm.cost.prompt_details.cache_write' as const;
/** Cost of the tokens read from the cache. */
export const OI_LLM_COST_PROMPT_DETAILS_CACHE_READ = 'llm.cost.prompt_details.cache_read' as const;
/** Cost of the cached input tokens. */
export const OI_LLM_COST_PROMPT_DETAILS_CACHE_INPUT =
  'llm.cost.prompt_details.cache_input' as const;
/** Cost of the prompt audio tokens. */
export const OI_LLM_COST_PROMPT_DETAILS_AUDIO = 'llm.cost.prompt_details.audio' as const;

// --- message fields (relative to `llm.{input,output}_messages.{i}.`) ---
/** Relative: message role. */
export const OI_MESSAGE_ROLE = 'message.role' as const;
/** Relative: message content as text. */
export const OI_MESSAGE_CONTENT = 'message.content' as const;
/** Relative: multi-part contents, indexed: `message.contents.{j}.message_content.*`. */
export const OI_MESSAGE_CONTENTS = 'message.contents' as const;
/** Relative: name of the message author (function role). */
export const OI_MESSAGE_NAME = 'message.name' as const;
/** Relative: tool calls, indexed: `message.tool_calls.{j}.tool_call.*`. */
export const OI_MESSAGE_TOOL_CALLS = 'message.tool_calls' as const;
/** Relative: id of the tool call a tool message answers. */
export const OI_MESSAGE_TOOL_CALL_ID = 'message.tool_call_id' as const;
/** Relative: legacy function call name (or the function name of a function-role message). */
export const OI_MESSAGE_FUNCTION_CALL_NAME = 'message.function_call_name' as const;
/** Relative: legacy function call arguments as a JSON string. */
export const OI_MESSAGE_FUNCTION_CALL_ARGUMENTS_JSON =
  'message.function_call_arguments_json' as const;

// --- message content parts (relative to `message.contents.{j}.`) ---
/** Relative: part type (text, image, audio, reasoning, input_text, output_text, input_image, refusal, …). */
export const OI_MESSAGE_CONTENT_TYPE = 'message_content.type' as const;
/** Relative: part text. */
export const OI_MESSAGE_CONTENT_TEXT = 'message_content.text' as const;
/** Relative: image of the part; its URL is `message_content.image.image.url`. */
export const OI_MESSAGE_CONTENT_IMAGE = 'message_content.image' as const;
/** Relative: audio of the part; its URL is `message_content.audio.audio.url`. */
export const OI_MESSAGE_CONTENT_AUDIO = 'message_content.audio' as const;
/** Relative: video of the part; its URL is `message_content.video.video.url`. */
export const OI_MESSAGE_CONTENT_VIDEO = 'message_content.video' as const;
/** Relative: provider id of the part (e.g. a Responses reasoning item). */
export const OI_MESSAGE_CONTENT_ID = 'message_content.id' as const;
/** Relative: opaque provider signature of the part. */
export const OI_MESSAGE_CONTENT_SIGNATURE = 'message_content.signature' as const;
/** Relative: opaque provider data of the part. */
export const OI_MESSAGE_CONTENT_DATA = 'message_content.data' as const;
/** Relative: OpenAI encrypted reasoning content. */
export const OI_MESSAGE_CONTENT_ENCRYPTED_CONTENT = 'message_content.encrypted_content' as const;
/** Relative: URL of an image (http or data URL). */
export const OI_IMAGE_URL = 'image.url' as const;
/** Relative: URL of a video. */
export const OI_VIDEO_URL = 'video.url' as const;
/** Relative: URL of an audio file. */
export const OI_AUDIO_URL = 'audio.url' as const;
/** Relative: audio mime type. */
export const OI_AUDIO_MIME_TYPE = 'audio.mime_type' as const;
/** Relative: audio transcript. */
export const OI_AUDIO_TRANSCRIPT = 'audio.transcript' as const;

// --- tool calls (relative to `message.tool_calls.{j}.`) ---
/** Relative: tool call id. */
export const OI_TOOL_CALL_ID = 'tool_call.id' as const;
/** Relative: called function name. */
export const OI_TOOL_CALL_FUNCTION_NAME = 'tool_call.function.name' as const;
/** Relative: call arguments as a JSON string. */
export const OI_TOOL_CALL_FUNCTION_ARGUMENTS = 'tool_call.function.arguments' as const;
/** Relative: opaque reasoning signature attached to the call. */
export const OI_TOOL_CALL_REASONING_SIGNATURE = 'tool_call.reasoning_signature' as const;

// --- tools ---
/** Tool name (TOOL spans; relative inside `llm.tools.{i}.`). */
export const OI_TOOL_NAME = 'tool.name' as const;
/** Tool description. */
export const OI_TOOL_DESCRIPTION = 'tool.description' as const;
/** Tool parameters JSON schema as a JSON string. */
export const OI_TOOL_PARAMETERS = 'tool.parameters' as const;
/** Relative inside `llm.tools.{i}.`: the whole tool definition as a JSON string. */
export const OI_TOOL_JSON_SCHEMA = 'tool.json_schema' as const;
/** Id of the tool call a TOOL span answers. */
export const OI_TOOL_ID = 'tool.id' as const;

// --- embeddings ---
/** Embedding model. */
export const OI_EMBEDDING_MODEL_NAME = 'embedding.model_name' as const;
/** Embeddings, indexed: `embedding.embeddings.{i}.embedding.{text,vector}`. */
export const OI_EMBEDDING_EMBEDDINGS = 'embedding.embeddings' as const;
/** Relative: the embedded text. */
export const OI_EMBEDDING_TEXT = 'embedding.text' as const;
/** Relative: the vector (never copied into events). */
export const OI_EMBEDDING_VECTOR = 'embedding.vector' as const;

// --- retrieval and reranking ---
/** Retrieved documents, indexed: `retrieval.documents.{i}.document.*`. */
export const OI_RETRIEVAL_DOCUMENTS = 'retrieval.documents' as const;
/** Relative: document id. */
export const OI_DOCUMENT_ID = 'document.id' as const;
/** Relative: document content. */
export const OI_DOCUMENT_CONTENT = 'document.content' as const;
/** Relative: document score. */
export const OI_DOCUMENT_SCORE = 'document.score' as const;
/** Relative: document metadata as a JSON string. */
export const OI_DOCUMENT_METADATA = 'document.metadata' as const;
/** Reranker input documents, indexed like `retrieval.documents`. */
export const OI_RERANKER_INPUT_DOCUMENTS = 'reranker.input_documents' as const;
/** Reranker output documents, indexed like `retrieval.documents`. */
export const OI_RERANKER_OUTPUT_DOCUMENTS = 'reranker.output_documents' as const;
/** Reranker query. */
export const OI_RERANKER_QUERY = 'reranker.query' as const;
/** Reranker model. */
export const OI_RERANKER_MODEL_NAME = 'reranker.model_name' as const;
/** Reranker top k. */
export const OI_RERANKER_TOP_K = 'reranker.top_k' as const;

// --- context: session, user, metadata, tags ---
/** Session id (same key as the common `SESSION_ID`). */
export const OI_SESSION_ID = 'session.id' as const;
/** User id (same key as the common `USER_ID`). */
export const OI_USER_ID = 'user.id' as const;
/** User metadata as a JSON object string. */
export const OI_METADATA = 'metadata' as const;
/** Tags: a string array, or a JSON string of one (`setTags`). */
export const OI_TAG_TAGS = 'tag.tags' as const;
/**
 * Key inside LangChain's run `metadata` (copied to `metadata` by the LangChain instrumentation)
 * naming the model provider (`openai`, `anthropic`): LLM spans of that instrumentation carry no
 * `llm.provider` / `llm.system`.
 */
export const OI_METADATA_LANGCHAIN_PROVIDER = 'ls_provider' as const;

// --- prompts, agents, graphs ---
/** Vendor of a managed prompt. */
export const OI_PROMPT_VENDOR = 'prompt.vendor' as const;
/** Vendor id of a managed prompt. */
export const OI_PROMPT_ID = 'prompt.id' as const;
/** Vendor URL of a managed prompt. */
export const OI_PROMPT_URL = 'prompt.url' as const;
/** Agent name. */
export const OI_AGENT_NAME = 'agent.name' as const;
/** Node id in the execution graph. */
export const OI_GRAPH_NODE_ID = 'graph.node.id' as const;
/** Node name in the execution graph. */
export const OI_GRAPH_NODE_NAME = 'graph.node.name' as const;
/** Parent node id in the execution graph. */
export const OI_GRAPH_NODE_PARENT_ID = 'graph.node.parent_id' as const;

// --- annotations and evaluations (Phoenix feedback) ---
/** Annotations root. */
export const OI_ANNOTATIONS = 'annotations' as const;
/** Evaluations root. */
export const OI_EVALUATIONS = 'evaluations' as const;
/** Trace annotations. */
export const OI_TRACE_ANNOTATIONS = 'trace.annotations' as const;
/** Trace evaluations. */
export const OI_TRACE_EVALUATIONS = 'trace.evaluations' as const;
/** Session annotations. */
export const OI_SESSION_ANNOTATIONS = 'session.annotations' as const;
/** Session evaluations. */
export const OI_SESSION_EVALUATIONS = 'session.evaluations' as const;
/** Annotation name. */
export const OI_ANNOTATION_NAME = 'annotation.name' as const;
/** Annotation score. */
export const OI_ANNOTATION_SCORE = 'annotation.score' as const;
/** Annotation label. */
export const OI_ANNOTATION_LABEL = 'annotation.label' as const;
/** Annotation explanation. */
export const OI_ANNOTATION_EXPLANATION = 'annotation.explanation' as const;
/** Annotator kind: HUMAN, LLM, CODE. */
export const OI_ANNOTATION_ANNOTATOR_KIND = 'annotation.annotator_kind' as const;
/** Annotation identifier. */
export const OI_ANNOTATION_IDENTIFIER = 'annotation.identifier' as const;
/** Annotation metadata. */
export const OI_ANNOTATION_METADATA = 'annotation.metadata' as const;
/** Evaluation name. */
export const OI_EVALUATION_NAME = 'evaluation.name' as const;
/** Evaluation score. */
export const OI_EVALUATION_SCORE = 'evaluation.score' as const;
/** Evaluation label. */
export const OI_EVALUATION_LABEL = 'evaluation.label' as const;
/** Evaluation explanation. */
export const OI_EVALUATION_EXPLANATION = 'evaluation.explanation' as const;
/** Evaluator kind: HUMAN, LLM, CODE. */
export const OI_EVALUATION_ANNOTATOR_KIND = 'evaluation.annotator_kind' as const;
/** Evaluation identifier. */
export const OI_EVALUATION_IDENTIFIER = 'evaluation.identifier' as const;
/** Evaluation metadata. */
export const OI_EVALUATION_METADATA = 'evaluation.metadata' as const;
