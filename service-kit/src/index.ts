export { safeEqual, parseAuthorization, checkBearer } from './auth/credentials';
export { createLogger, silentLogger, MAX_LINE_CHARS, MAX_MESSAGE_CHARS, type Logger, type LoggerOptions } from './log/logger';
export { compiledScript } from './process/compiled-script';
