{{- define "guichet.labels" -}}
app.kubernetes.io/name: guichet
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{- end -}}

{{- define "guichet.selector" -}}
app.kubernetes.io/name: guichet
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "guichet.env" -}}
- { name: NODE_ENV, value: production }
- { name: LOG_LEVEL, value: {{ .Values.logLevel | quote }} }
- { name: NATS_URL, value: {{ .Values.nats.url | quote }} }
- name: DATABASE_URL
  valueFrom: { secretKeyRef: { name: {{ required "database.existingSecret is required" .Values.database.existingSecret }}, key: DATABASE_URL } }
- { name: S3_ENDPOINT, value: {{ .Values.s3.endpoint | quote }} }
- { name: S3_PORT, value: {{ .Values.s3.port | quote }} }
- { name: S3_USE_SSL, value: {{ .Values.s3.useSSL | quote }} }
- { name: S3_REGION, value: {{ .Values.s3.region | quote }} }
- { name: S3_PUBLIC_URL, value: {{ .Values.s3.publicUrl | quote }} }
- name: S3_ACCESS_KEY
  valueFrom: { secretKeyRef: { name: {{ .Values.s3.existingSecret }}, key: S3_ACCESS_KEY } }
- name: S3_SECRET_KEY
  valueFrom: { secretKeyRef: { name: {{ .Values.s3.existingSecret }}, key: S3_SECRET_KEY } }
- { name: SMTP_HOST, value: {{ .Values.smtp.host | quote }} }
- { name: SMTP_PORT, value: {{ .Values.smtp.port | quote }} }
- { name: MAIL_FROM, value: {{ .Values.smtp.from | quote }} }
- { name: PUBLIC_URL, value: {{ .Values.gateway.publicUrl | quote }} }
{{- if .Values.otlpEndpoint }}
- { name: OTEL_EXPORTER_OTLP_ENDPOINT, value: {{ .Values.otlpEndpoint | quote }} }
{{- end }}
{{- end -}}

{{- define "guichet.securityContext" -}}
runAsNonRoot: true
runAsUser: 10001
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities: { drop: ["ALL"] }
seccompProfile: { type: RuntimeDefault }
{{- end -}}
