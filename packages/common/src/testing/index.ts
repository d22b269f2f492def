export { REDIS_INSTALL_COMMAND, startTestRedis, type TestRedis } from "./redis-server.ts";
export { lastMailTo, mailsTo, type SmtpCapture, startSmtpCapture } from "./smtp-capture.ts";
