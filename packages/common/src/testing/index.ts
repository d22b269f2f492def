export { lastMailTo, mailsTo, type SmtpCapture, startSmtpCapture } from "./smtp-capture.ts";
