import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Modal, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';

/**
 * 拍照 with a 高拍仪 that shows up as a camera (UVC): the live picture, the shutter on Space
 * or Enter, several shots in a row. Frames go to core as JPEG, where they are cropped to the
 * sheet of paper and stored like scanned pages.
 */
export function CameraCapture({ caseNo, seq, materialName, onClose }: { caseNo: string; seq: string; materialName: string; onClose: () => void }) {
  const { client, orpc } = useApi();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const video = useRef<HTMLVideoElement>(null);
  const shutter = useRef<HTMLButtonElement>(null);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState<string | undefined>(() => localStorage.getItem('medins.cameraId') ?? undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [crop, setCrop] = useState(true);
  const [busy, setBusy] = useState(false);
  const [taken, setTaken] = useState(0);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    // The document camera is usually the largest one: ask for its full resolution.
    const constraints: MediaStreamConstraints = { audio: false, video: { ...(cameraId ? { deviceId: { exact: cameraId } } : {}), width: { ideal: 2592 }, height: { ideal: 1944 } } };
    navigator.mediaDevices
      .getUserMedia(constraints)
      .then(async (s) => {
        if (stopped) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          await video.current.play().catch(() => undefined);
        }
        setReady(true);
        setCameras((await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput'));
      })
      .catch((error: unknown) => {
        const name = (error as { name?: string }).name;
        setProblem(name === 'NotAllowedError' ? '没有使用摄像头的权限' : name === 'NotFoundError' || name === 'OverconstrainedError' ? '找不到高拍仪（摄像头），请检查连接线' : '无法打开高拍仪（摄像头）');
      });
    return () => {
      stopped = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [cameraId]);

  // The shutter takes the focus once the picture is live: Space or Enter then press it.
  useEffect(() => {
    if (ready) shutter.current?.focus();
  }, [ready]);

  // The shutter key: Space anywhere in the dialog, except on its own buttons and fields.
  const shootRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== ' ' || target?.closest('button, input, .ant-select')) return;
      e.preventDefault();
      shootRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const shoot = async () => {
    const v = video.current;
    if (!v || !ready || busy || !v.videoWidth) return;
    setBusy(true);
    try {
      const canvas = document.createElement('canvas');
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      canvas.getContext('2d')!.drawImage(v, 0, 0);
      const image = canvas.toDataURL('image/jpeg', 0.92);
      const { cropped, angle } = await client.scanning.capture({ caseNo, seq, image, crop });
      setTaken((n) => n + 1);
      void queryClient.invalidateQueries({ queryKey: orpc.attachments.pages.key({ input: { caseNo } }) });
      void message.success(`已拍照${cropped ? '，已裁边' : ''}${angle ? `，已纠偏 ${Math.abs(angle)}°` : ''}`);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
      setTimeout(() => shutter.current?.focus(), 0);
    }
  };

  useEffect(() => {
    shootRef.current = () => void shoot();
  });

  return (
    <Modal
      open
      title={`拍照：${materialName}`}
      width={760}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <span className="case-muted">本次已拍 {taken} 页</span>
          <Button autoInsertSpace={false} onClick={onClose}>
            完成（Esc）
          </Button>
          <Button ref={shutter} type="primary" autoInsertSpace={false} loading={busy} disabled={!ready} onClick={() => void shoot()} data-testid="camera-shoot">
            拍照（空格）
          </Button>
        </Space>
      }
    >
      <div className="scan-camera">
        {problem ? <Alert type="error" showIcon title={problem} /> : <video ref={video} muted playsInline className="scan-camera-video" data-testid="camera-video" />}
        <Space wrap>
          {cameras.length > 1 && (
            <Select
              size="small"
              style={{ width: 260 }}
              value={cameraId ?? cameras[0]?.deviceId}
              onChange={(id: string) => {
                localStorage.setItem('medins.cameraId', id);
                setReady(false);
                setProblem(null);
                setCameraId(id);
              }}
              options={cameras.map((c, i) => ({ value: c.deviceId, label: c.label || `摄像头 ${i + 1}` }))}
            />
          )}
          <Checkbox checked={crop} onChange={(e) => setCrop(e.target.checked)}>
            纠偏裁边（只保留纸张并摆正）
          </Checkbox>
        </Space>
      </div>
    </Modal>
  );
}
