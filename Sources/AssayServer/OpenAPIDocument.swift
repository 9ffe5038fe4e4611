/// The OpenAPI 3.1 document of the HTTP API, served at `/openapi.yaml`; `docs/openapi.yaml` is
/// this text (`assay serve --openapi`), and a test checks both and runs schemathesis against it.
public enum OpenAPIDocument {
    /// The document, YAML.
    public static let yaml = """
        openapi: 3.1.0
        info:
          title: Assay datanet server
          version: "1"
          description: |
            `assay serve`: contributors upload files to datanets and get the verdict in the response.
            Errors have the shape {"error": CODE, "message": TEXT, ...}. Tokens go in
            `Authorization: Bearer TOKEN` (a curator makes them with `assay token add NAME`).
          license:
            name: Apache-2.0
            identifier: Apache-2.0
        servers:
          - url: http://127.0.0.1:8080
        components:
          securitySchemes:
            bearer:
              type: http
              scheme: bearer
          schemas:
            Problem:
              type: object
              required: [error, message]
              properties:
                error: {type: string}
                message: {type: string}
                limit: {type: string, enum: [daily_files, daily_bytes, datanet_daily_bytes, max_file_bytes, rate]}
                resets_at: {type: string, format: date-time}
                retry_after: {type: number}
                would_use: {type: number}
                allowed: {type: number}
                max_bytes: {type: number}
              additionalProperties: true
            Reason:
              type: object
              required: [code, stage, message]
              properties:
                code: {type: string}
                stage: {type: string}
                message: {type: string}
                value: {}
                limit: {}
                hint: {type: string}
            Upload:
              type: object
              required: [id, datanet, name, modality, bytes, sha256, submitted_at]
              properties:
                id: {type: string}
                datanet: {type: string}
                name: {type: string}
                modality: {type: string, enum: [text, image, audio]}
                bytes: {type: integer}
                sha256: {type: string}
                submitted_at: {type: string, format: date-time}
            Verdict:
              description: The verdict line of `assay run --verdicts` (docs/ledger.md), as its contributor may see it, plus `upload`.
              type: object
              required: [path, contributor, modality, bytes, submitted_at, verdict, reasons, metrics, root]
              properties:
                path: {type: string}
                contributor: {type: string}
                modality: {type: string}
                bytes: {type: integer}
                sha256: {type: [string, "null"]}
                mime: {type: [string, "null"]}
                submitted_at: {type: string, format: date-time}
                verdict: {type: string, enum: [accepted, rejected, refused, error]}
                reasons:
                  type: array
                  items: {$ref: "#/components/schemas/Reason"}
                metrics:
                  type: object
                  additionalProperties: {type: [number, "null"]}
                duplicate_of: {type: [string, "null"]}
                root: {type: string}
                duplicate_of_root: {type: [string, "null"]}
                upload: {$ref: "#/components/schemas/Upload"}
            FileStatus:
              type: object
              required: [upload, status, verdict]
              properties:
                upload: {$ref: "#/components/schemas/Upload"}
                status: {type: string, enum: [judged, pending]}
                verdict:
                  oneOf:
                    - {$ref: "#/components/schemas/Verdict"}
                    - {type: "null"}
          responses:
            Unauthorized:
              description: No working token.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Problem"}
            RateLimited:
              description: Too many requests with this token (limit "rate").
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Problem"}
            NotFound:
              description: No such datanet or upload (or not yours).
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Problem"}
            Forbidden:
              description: Curators only.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Problem"}
          parameters:
            Datanet:
              name: datanet
              in: path
              required: true
              schema: {type: string}
        paths:
          /healthz:
            get:
              summary: Liveness; 503 when a datanet's last run failed.
              responses:
                "200":
                  description: Serving.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [status, datanets]
                        properties:
                          status: {type: string}
                          datanets: {type: array, items: {type: string}}
                "503":
                  description: A datanet's last run failed.
                  content:
                    application/json:
                      schema: {type: object}
          /metrics:
            get:
              summary: Prometheus metrics (text exposition format).
              responses:
                "200":
                  description: The metrics.
                  content:
                    text/plain:
                      schema: {type: string}
          /openapi.yaml:
            get:
              summary: This document.
              responses:
                "200":
                  description: OpenAPI 3.1, YAML.
                  content:
                    application/yaml:
                      schema: {type: string}
          /datanets:
            get:
              summary: The datanets this server hosts.
              responses:
                "200":
                  description: The datanets.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [datanets]
                        properties:
                          datanets:
                            type: array
                            items:
                              type: object
                              required: [name, modalities, max_file_bytes]
                              properties:
                                name: {type: string}
                                modalities: {type: array, items: {type: string}}
                                max_file_bytes: {type: integer}
          /datanets/{datanet}/files:
            post:
              summary: Upload a file; the answer is its verdict.
              description: |
                multipart/form-data with a `file` field (`curl -F file=@notes.txt`), or the raw bytes
                with `?name=`. The modality comes from the extension, or `?modality=`. Refused past the
                datanet's max_file_bytes while streaming (413, nothing kept); past a daily limit 429 with
                the limit and when it resets. Answers 202 with a status URL when judging takes longer
                than the server waits.
              security: [{bearer: []}]
              parameters:
                - $ref: "#/components/parameters/Datanet"
                - {name: name, in: query, schema: {type: string}, description: "The file's name (raw uploads)."}
                - {name: modality, in: query, schema: {type: string, enum: [text, image, audio]}}
              requestBody:
                required: true
                content:
                  multipart/form-data:
                    schema:
                      type: object
                      required: [file]
                      properties:
                        file: {type: string, format: binary}
                  application/octet-stream:
                    schema: {type: string, format: binary}
              responses:
                "201":
                  description: Kept and judged.
                  headers:
                    Location: {schema: {type: string}}
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Verdict"}
                "202":
                  description: Kept; still being judged.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [status, status_url, upload]
                        properties:
                          status: {type: string}
                          status_url: {type: string}
                          upload: {$ref: "#/components/schemas/Upload"}
                "400":
                  description: Not an upload (no file field, no name, bad multipart).
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Problem"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404": {$ref: "#/components/responses/NotFound"}
                "413":
                  description: Larger than the datanet's max_file_bytes; nothing kept.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Problem"}
                "415":
                  description: A modality the server cannot tell, or the datanet does not collect.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Problem"}
                "429":
                  description: A daily limit (daily_files, daily_bytes, datanet_daily_bytes) or the token's rate.
                  headers:
                    Retry-After: {schema: {type: integer}}
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Problem"}
          /me:
            get:
              summary: The caller's account, counts, acceptance rate and rank.
              security: [{bearer: []}]
              responses:
                "200":
                  description: The account.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [name, curator, files, accepted, rejected, refused, error, pending, acceptance_rate, rank, score]
                        properties:
                          name: {type: string}
                          curator: {type: boolean}
                          files: {type: integer}
                          accepted: {type: integer}
                          rejected: {type: integer}
                          refused: {type: integer}
                          error: {type: integer}
                          pending: {type: integer}
                          acceptance_rate: {type: [number, "null"]}
                          rank: {type: [integer, "null"]}
                          score: {type: [number, "null"]}
                          leaderboard_computed_at: {type: string, format: date-time}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "429": {$ref: "#/components/responses/RateLimited"}
          /me/files:
            get:
              summary: The caller's uploads, newest first, with verdicts, reasons and hints.
              security: [{bearer: []}]
              responses:
                "200":
                  description: The uploads.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [files]
                        properties:
                          files:
                            type: array
                            items: {$ref: "#/components/schemas/FileStatus"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "429": {$ref: "#/components/responses/RateLimited"}
          /me/files/{id}:
            get:
              summary: One of the caller's uploads (404 for anyone else's).
              security: [{bearer: []}]
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The upload and its verdict, or pending.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/FileStatus"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404": {$ref: "#/components/responses/NotFound"}
                "429": {$ref: "#/components/responses/RateLimited"}
          /leaderboard:
            get:
              summary: Public leaderboard, computed at most once per interval.
              responses:
                "200":
                  description: The board.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [computed_at, every_seconds, score, rows]
                        properties:
                          computed_at: {type: string, format: date-time}
                          every_seconds: {type: number}
                          score: {type: string}
                          rows:
                            type: array
                            items:
                              type: object
                              required: [rank, contributor, accepted, rejected, refused, acceptance_rate, active_days_30, score]
                              properties:
                                rank: {type: integer}
                                contributor: {type: string}
                                accepted: {type: integer}
                                rejected: {type: integer}
                                refused: {type: integer}
                                acceptance_rate: {type: [number, "null"]}
                                active_days_30: {type: integer}
                                score: {type: number}
          /curator/tokens:
            get:
              summary: Every account (never a token).
              security: [{bearer: []}]
              responses:
                "200":
                  description: The accounts.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [accounts]
                        properties:
                          accounts:
                            type: array
                            items:
                              type: object
                              required: [name, curator, created_at, revoked_at]
                              properties:
                                name: {type: string}
                                curator: {type: boolean}
                                created_at: {type: string, format: date-time}
                                revoked_at: {type: [string, "null"], format: date-time}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "429": {$ref: "#/components/responses/RateLimited"}
          /curator/datanets/{datanet}/runs:
            get:
              summary: The datanet's runs.
              security: [{bearer: []}]
              parameters:
                - $ref: "#/components/parameters/Datanet"
              responses:
                "200":
                  description: The runs.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [runs]
                        properties:
                          runs: {type: array, items: {type: object}}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404": {$ref: "#/components/responses/NotFound"}
                "429": {$ref: "#/components/responses/RateLimited"}
          /curator/datanets/{datanet}/export:
            get:
              summary: The accepted files' verdict lines (JSON Lines).
              security: [{bearer: []}]
              parameters:
                - $ref: "#/components/parameters/Datanet"
              responses:
                "200":
                  description: One verdict line per accepted file.
                  content:
                    application/jsonl:
                      schema: {type: string}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404": {$ref: "#/components/responses/NotFound"}
                "429": {$ref: "#/components/responses/RateLimited"}
          /curator/datanets/{datanet}/report:
            get:
              summary: The HTML report of `assay report`.
              security: [{bearer: []}]
              parameters:
                - $ref: "#/components/parameters/Datanet"
              responses:
                "200":
                  description: The report.
                  content:
                    text/html:
                      schema: {type: string}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404": {$ref: "#/components/responses/NotFound"}
                "429": {$ref: "#/components/responses/RateLimited"}

        """
}
